import { serve } from '@hono/node-server';
import { createApp } from './app';
import { loadConfig } from './config';

// `npx tsx server/main.ts` (or `npm start`): configuration by environment, see docs/ARCHITECTURE.md.
const config = loadConfig();
const app = createApp(config);
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  app.log.info({ address: info.address, port: info.port, store: app.store.kind, smtpPorts: config.smtpPorts, allowedCidrs: config.allowedCidrs.map((c) => c.text) }, 'backend listening');
  console.log(`Mailserver Assistent backend: http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${info.port}/v1/health (${app.store.kind})`);
});

const stop = () => {
  server.close();
  void app.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
