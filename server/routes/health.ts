import type { Hono } from 'hono';
import type { ServerCtx } from '../context';
import { errorBody } from '../http-errors';

/** GET /v1/health (liveness, no key needed), GET /v1/ready (503 while the store is down or while draining), GET /metrics. */
export function healthRoutes(app: Hono, ctx: ServerCtx, state: { draining: boolean }): void {
  const { config, store, metrics } = ctx;
  app.get('/v1/health', async (c) => {
    await ctx.limits.storeCall(() => store.ping());
    return c.json({ ok: true, version: config.version, store: store.kind });
  });
  app.get('/v1/ready', async (c) => {
    if (state.draining) return c.json(errorBody('shutting_down'), 503);
    try {
      await store.ping();
    } catch {
      metrics.storeErrors.inc();
      return c.json(errorBody('store_unavailable'), 503);
    }
    return c.json({ ok: true, store: store.kind });
  });
  app.get('/metrics', async (c) => {
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
}
