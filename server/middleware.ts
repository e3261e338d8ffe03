import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hono, MiddlewareHandler } from 'hono';
import { readBodyCapped } from './body';
import type { ServerCtx } from './context';
import { errorBody } from './http-errors';

/** Patterns are exact origins or "<scheme>://*" for any extension id of that browser. */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    if (p.endsWith('://*')) {
      const scheme = p.slice(0, -1);
      return origin.startsWith(scheme) && /^[a-z0-9-]{1,64}$/i.test(origin.slice(scheme.length));
    }
    return origin === p;
  });
}

/** A key's id for logs: the first 8 hex digits of its SHA-256 (the key itself is never logged). */
export const keyId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** Compares a presented key with every configured key in constant time (hashes have equal length). */
function matchKey(presented: string, keys: readonly string[]): string | undefined {
  const p = createHash('sha256').update(presented).digest();
  let found: string | undefined;
  for (const k of keys) if (timingSafeEqual(p, createHash('sha256').update(k).digest())) found = k;
  return found;
}

const ROUTE = (path: string) => {
  if (/^\/v1\/validations\/[^/]+\/confirm$/.test(path)) return '/v1/validations/:id/confirm';
  if (['/v1/health', '/v1/ready', '/v1/probe', '/v1/discover', '/v1/validations', '/metrics'].includes(path)) return path;
  return 'other';
};

/** Request log and metrics, then the gates every request passes: Host/Origin, CORS, JSON, body cap, API key. */
export function installMiddleware(app: Hono, ctx: ServerCtx, state: { draining: boolean }): void {
  const { config, log, metrics } = ctx;
  const logged: MiddlewareHandler = async (c, next) => {
    const start = performance.now();
    c.set('t0' as never, start as never);
    await next();
    const route = ROUTE(c.req.path);
    metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    const key = c.get('keyId' as never) as string | undefined;
    log.info({ method: c.req.method, path: route === 'other' ? c.req.path.slice(0, 100) : route, status: c.res.status, ms: Math.round(performance.now() - start), client: ctx.clientKey(c), ...(key ? { key } : {}) }, 'request');
  };
  app.use('*', logged);

  // DNS rebinding and cross-site requests: only our own Host and the extension's origins. Then CORS for
  // those origins. The headers are set before the route answers: a header added after it (as hono's cors
  // middleware adds Vary) makes hono copy the answer into a web Response whose body the Node adapter then
  // reads back as a stream, ~0.5 ms of CPU per request.
  app.use('*', async (c, next) => {
    const host = c.req.header('host');
    if (host && config.allowedHosts && !config.allowedHosts.includes(host.toLowerCase())) return c.json(errorBody('origin_not_allowed'), 403);
    const origin = c.req.header('origin');
    if (origin && !originAllowed(origin, config.allowedOrigins)) return c.json(errorBody('origin_not_allowed'), 403);
    if (origin) c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Max-Age', '600');
      c.header('Access-Control-Allow-Methods', 'GET,POST,OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Content-Type,Authorization');
      c.header('Vary', 'Access-Control-Request-Headers', { append: true });
      return c.body(null, 204);
    }
    await next();
  });
  app.use('*', async (c, next) => {
    if (state.draining && c.req.path !== '/v1/health' && c.req.path !== '/v1/ready') {
      c.header('Retry-After', '2');
      c.header('Connection', 'close');
      return c.json(errorBody('shutting_down', { retryAfter: 2 }), 503);
    }
    await next();
  });

  // API keys: every /v1/* call except health, and /metrics, when API_KEYS is set.
  app.use('*', async (c, next) => {
    if (config.apiKeys.length === 0 || c.req.method === 'OPTIONS') return next();
    const path = c.req.path;
    if (path === '/v1/health' || !(path.startsWith('/v1/') || path === '/metrics')) return next();
    const m = /^Bearer[ ]+([^\s]{1,512})$/i.exec(c.req.header('authorization') ?? '');
    const key = m ? matchKey(m[1]!, config.apiKeys) : undefined;
    if (!key) {
      c.header('WWW-Authenticate', 'Bearer realm="mailserver-assistent"');
      const params = { reason: m ? 'unknown-key' : 'missing' };
      return c.json(errorBody('unauthorized', { params, message: m ? 'This API key is not valid for this backend. Check the key under Instellingen / Settings.' : undefined }), 401);
    }
    c.set('keyId' as never, keyId(key) as never);
    await next();
  });

  app.use('*', async (c, next) => {
    if (c.req.method === 'POST') {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) return c.json(errorBody('unsupported_media_type'), 415);
    }
    await next();
  });
  // The body of a POST, read once and capped (body.ts); routes parse it with readJson.
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    // A client that leaves in the middle of its body (or times out) gets the same 400 as a broken body:
    // nobody reads it, and it is no internal error.
    const text = await readBodyCapped(c, config.limits.bodyBytes).catch(() => 'broken' as const);
    if (text === 'broken') {
      c.header('Connection', 'close');
      return c.json(errorBody('invalid_json'), 400);
    }
    if (text === 'too-large') {
      // The rest of the body is not read: the connection closes with the answer.
      c.header('Connection', 'close');
      return c.json(errorBody('payload_too_large'), 413);
    }
    c.set('body' as never, text as never);
    await next();
  });
}
