import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { loadConfig, type Config } from './config';
import { keyId } from './middleware';
import { warmTlsContext } from './smtp/tls-handshake';

// `npm run serve` (compiled, dist-server/main.mjs) or `npm start` (tsx): configuration by environment,
// see docs/ARCHITECTURE.md and the README ("Hosting it").
let config: Config;
try {
  config = loadConfig();
} catch (e) {
  console.error(`Mailserver Assistent backend: not started: ${(e as Error).message}`);
  process.exit(1);
}
const app = createApp(config, { processMetrics: true });
warmTlsContext(config.extraCa);
const loopback = ['127.0.0.1', '::1', 'localhost'].includes(config.host);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  app.log.info(
    {
      address: info.address,
      port: info.port,
      store: app.store.kind,
      smtpPorts: config.smtpPorts,
      allowedCidrs: config.allowedCidrs.map((c) => c.text),
      trustProxy: config.trustProxy.map((c) => c.text),
      apiKeys: config.apiKeys.map(keyId),
    },
    'backend listening',
  );
  if (config.apiKeys.length === 0 && !loopback) app.log.warn({ host: config.host }, 'backend is ANONYMOUS: anyone who can reach it may use it (ALLOW_ANONYMOUS=1); set API_KEYS to require a key');
  console.log(`Mailserver Assistent backend: http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${info.port}/v1/health (${app.store.kind})`);
}) as Server;

// HTTP hardening: seconds, not Node's 300 s, for a client's headers and request; a cap on connections.
server.headersTimeout = config.limits.headersTimeoutMs;
server.requestTimeout = config.limits.requestTimeoutMs;
server.keepAliveTimeout = 5000;
server.maxConnections = config.limits.connections;

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  // Stop accepting; running probes and sends finish within their own deadline; then exit 0.
  app.log.info({ signal, running: app.running() }, 'stopping: no new connections, draining running probes');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const drained = await app.drain(config.timeouts.overall + config.timeouts.send + 2000);
  // The answers of the drained probes are being written; connections end when they are sent.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
  clearInterval(idle);
  server.closeAllConnections();
  app.log.info({ drained }, 'stopped');
  await app.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
