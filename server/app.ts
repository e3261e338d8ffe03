import { Hono } from 'hono';
import type { DestinationStream, Logger } from 'pino';
import type { Config } from './config';
import { clientFns, type ServerCtx } from './context';
import { newCode } from './codes';
import { createMailDns, type MailDns } from './discover';
import { createResolver, type HostResolver } from './guard';
import { errorBody } from './http-errors';
import { createLimits } from './limits';
import { createLogger, scrub } from './log';
import { createMetrics, type Metrics } from './metrics';
import { installMiddleware } from './middleware';
import { discoverRoutes } from './routes/discover';
import { healthRoutes } from './routes/health';
import { probeRoutes } from './routes/probe';
import { validationRoutes } from './routes/validations';
import { memoryStore, redisStore, StoreUnavailable, type Store } from './store';

export { originAllowed } from './middleware';
export { wantsNdjson } from './routes/probe';

export interface AppDeps {
  /** Where log lines go (tests collect them); default stdout. */
  logStream?: DestinationStream;
  logLevel?: string;
  store?: Store;
  resolver?: HostResolver;
  /** MX/TXT/SRV look-ups for /v1/discover; default a resolver on DNS_SERVERS. */
  mailDns?: MailDns;
  now?: () => number;
  /** Validation codes (tests force two codes to differ); default codes.newCode. */
  newCode?: () => string;
  /** Process metrics (CPU, memory, event loop) in /metrics; main.ts turns them on. */
  processMetrics?: boolean;
}

export type App = Hono & {
  store: Store;
  log: Logger;
  metrics: Metrics;
  /** SIGTERM: refuse new work (503 shutting_down), wait for running probes and sends; true when all ended in time. */
  drain(ms: number): Promise<boolean>;
  /** Probes and sends running now. */
  running(): number;
  close(): Promise<void>;
};

/**
 * The backend's HTTP API (see docs/ARCHITECTURE.md, "Companion backend"): middleware in middleware.ts,
 * one module per endpoint under routes/. Tests call `app.request()`; main.ts serves it with @hono/node-server.
 */
export function createApp(config: Config, deps: AppDeps = {}): App {
  const log = createLogger(deps.logStream, deps.logLevel);
  const metrics = createMetrics(deps.processMetrics);
  let lastRedisLog = 0;
  const onRedisError = (e: Error) => {
    metrics.storeErrors.inc();
    // ioredis reports every failed reconnect; one line per 10 s is enough.
    if (Date.now() - lastRedisLog < 10_000) return;
    lastRedisLog = Date.now();
    log.warn({ err: scrub(e.message) }, 'redis unavailable; retrying');
  };
  const store =
    deps.store ?? (config.redisUrl ? redisStore(config.redisUrl, config.validationSecret, onRedisError) : memoryStore(config.validationSecret, config.limits.recordsPerClient));
  const resolver = deps.resolver ?? createResolver(config.dnsServers, config.timeouts.dns);
  const inFlight = new Set<Promise<unknown>>();
  const ctx: ServerCtx = {
    config,
    store,
    log,
    metrics,
    limits: createLimits(config, store, metrics),
    guardOpts: { ports: config.smtpPorts, allowedCidrs: config.allowedCidrs, resolver, dnsTimeoutMs: config.timeouts.dns },
    mailDns: deps.mailDns ?? createMailDns(config.dnsServers, config.timeouts.dns),
    now: deps.now ?? Date.now,
    newCode: deps.newCode ?? newCode,
    ...clientFns(config),
    track(p) {
      inFlight.add(p);
      const done = () => inFlight.delete(p);
      p.then(done, done);
      return p;
    },
  };
  const state = { draining: false };
  const app = new Hono();

  installMiddleware(app, ctx, state);
  app.use('/v1/*', async (_c, next) => {
    await store.whenReady(500);
    await next();
  });
  healthRoutes(app, ctx, state);
  probeRoutes(app, ctx);
  discoverRoutes(app, ctx);
  validationRoutes(app, ctx);

  app.notFound((c) => c.json(errorBody('not_found'), 404));
  app.onError((e, c) => {
    if (e instanceof StoreUnavailable) {
      metrics.storeErrors.inc();
      log.error({ err: scrub(e.message) }, 'store unavailable');
      c.header('Retry-After', '5');
      return c.json(errorBody('store_unavailable'), 503);
    }
    log.error({ err: scrub(e.message).slice(0, 200), name: e.name }, 'internal error');
    return c.json(errorBody('internal'), 500);
  });

  const drain = async (ms: number) => {
    state.draining = true;
    const all = Promise.allSettled([...inFlight]).then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const ok = await Promise.race([all, late]);
    clearTimeout(timer);
    return ok;
  };
  return Object.assign(app, { store, log, metrics, drain, running: () => inFlight.size, close: () => store.close() });
}
