import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { keyId } from './middleware';
import { memoryStore, StoreUnavailable, type Store } from './store';
import { testApp, type TestApp } from './testing/app';

const KEY = 'k-service-test-0123456789';
const OTHER = 'k-other-org-abcdefghijkl';
const apps: TestApp[] = [];
const app = (...a: Parameters<typeof testApp>) => {
  const t = testApp(...a);
  apps.push(t);
  return t;
};
afterAll(async () => {
  await Promise.all(apps.map((a) => a.app.close()));
});

describe('API keys', () => {
  it('every /v1/* call except health needs Authorization: Bearer <key>; 401 with a clear code; the key is never logged, its id is', async () => {
    const t = app({ apiKeys: [KEY, OTHER] });
    expect((await t.get('/v1/health')).status).toBe(200);
    const none = await t.post('/v1/discover', { domain: 'test.nl' });
    expect(none.status).toBe(401);
    expect(none.json.error).toMatchObject({ code: 'unauthorized', params: { reason: 'missing' } });
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    for (const bad of ['Bearer nope-nope-nope-nope', `Basic ${KEY}`, `Bearer ${KEY}x`, `Bearer ${KEY.slice(0, -1)}`, KEY]) {
      const r = await t.post('/v1/probe', { host: '127.0.0.1', port: 25, encryption: 'tls' }, { authorization: bad });
      expect(r.status, bad).toBe(401);
    }
    expect((await t.post('/v1/validations/AAAAAAAAAAAAAAAAAAAAAA/confirm', { code: 'ABCDEF' })).status).toBe(401);
    expect((await t.get('/v1/ready')).status).toBe(401);
    expect((await t.get('/metrics')).status).toBe(401);
    // the right keys
    const ok = await t.post('/v1/validations/AAAAAAAAAAAAAAAAAAAAAA/confirm', { code: 'ABCDEF' }, { authorization: `Bearer ${KEY}` });
    expect(ok.status).toBe(404);
    expect((await t.get('/metrics', { authorization: `Bearer ${OTHER}` })).status).toBe(200);
    expect((await t.get('/v1/ready', { authorization: `bearer ${KEY}` })).status).toBe(200);
    const all = t.logs.join('\n');
    expect(all).not.toContain(KEY);
    expect(all).not.toContain(OTHER);
    expect(all).toContain(`"key":"${keyId(KEY)}"`);
    expect(all).toContain(`"key":"${keyId(OTHER)}"`);
  });

  it('without API_KEYS nothing asks for a key', async () => {
    const t = app({});
    expect((await t.post('/v1/validations/AAAAAAAAAAAAAAAAAAAAAA/confirm', { code: 'ABCDEF' })).status).toBe(404);
    expect((await t.get('/metrics')).status).toBe(200);
  });

  it('the preflight lets Authorization through for the extension', async () => {
    const t = app({ apiKeys: [KEY] });
    const res = await t.app.request('/v1/probe', { method: 'OPTIONS', headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });
});

describe('ready and metrics', () => {
  it('GET /v1/ready is 503 while the store is down, 200 when it is back', async () => {
    let down = false;
    const inner = memoryStore();
    const flaky: Store = { ...inner, ping: async () => (down ? Promise.reject(new StoreUnavailable('down')) : inner.ping()) };
    const t = app({}, { store: flaky });
    expect((await t.get('/v1/ready')).status).toBe(200);
    down = true;
    const r = await t.get('/v1/ready');
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe('store_unavailable');
    down = false;
    expect((await t.get('/v1/ready')).status).toBe(200);
  });

  it('GET /metrics: Prometheus text with requests by route and status, probe outcomes and durations, rate-limit refusals, store errors', async () => {
    const t = app({ rates: { discoverPerClient: [1, 60] } });
    await t.post('/v1/discover', { domain: 'x' });
    await t.post('/v1/discover', { domain: 'bestaat-niet.invalid' });
    await t.post('/v1/discover', { domain: 'bestaat-niet.invalid' });
    await t.post('/v1/probe', { host: '10.0.0.1', port: 25, encryption: 'tls' });
    const m = await t.get('/metrics');
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = String(m.json);
    expect(text).toMatch(/msa_http_requests_total\{method="POST",route="\/v1\/discover",status="429"\} 1/);
    expect(text).toMatch(/msa_http_requests_total\{method="POST",route="\/v1\/discover",status="400"\} 1/);
    expect(text).toMatch(/msa_rate_limit_refusals_total\{limit="discoverClient"\} 1/);
    expect(text).toMatch(/msa_probes_total\{outcome="refused"\} 1/);
    expect(text).toContain('msa_probe_duration_seconds_bucket');
    expect(text).toContain('msa_store_errors_total');
  });
});

describe('loadConfig refuses unsafe or bad environments', () => {
  const base = { HOST: '127.0.0.1' };
  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between/],
    [{ MAX_CONCURRENT_PROBES: '0' }, /MAX_CONCURRENT_PROBES must be between 1/],
    [{ MAX_CONCURRENT_PROBES: '-1' }, /MAX_CONCURRENT_PROBES must be a whole number/],
    [{ EXTRA_SMTP_PORTS: '2526,x' }, /EXTRA_SMTP_PORTS must be a whole number/],
    [{ EXTRA_SMTP_PORTS: '0' }, /EXTRA_SMTP_PORTS must be between 1/],
    [{ PROBE_ALLOWED_CIDRS: '10.0.0.0/33' }, /PROBE_ALLOWED_CIDRS: "10\.0\.0\.0\/33" is not/],
    [{ TRUST_PROXY: '1' }, /TRUST_PROXY is now a list/],
    [{ TRUST_PROXY: 'proxy.local' }, /TRUST_PROXY: "proxy\.local" is not/],
    [{ TRUST_PROXY_HOPS: '0' }, /TRUST_PROXY_HOPS must be between 1/],
    [{ REDIS_URL: 'redis://127.0.0.1:6379' }, /VALIDATION_SECRET is not/],
    [{ REDIS_URL: 'http://x', VALIDATION_SECRET: 'a'.repeat(32) }, /REDIS_URL must start with redis/],
    [{ VALIDATION_SECRET: 'short' }, /VALIDATION_SECRET must be at least 16/],
    [{ HOST: '0.0.0.0' }, /API_KEYS is empty/],
    [{ HOST: '::' }, /API_KEYS is empty/],
    [{ HOST: '0.0.0.0', API_KEYS: 'short' }, /at least 16 characters/],
    [{ ALLOW_ANONYMOUS: 'yes' }, /ALLOW_ANONYMOUS must be 1 or 0/],
    [{ RATES: 'probePerClient=5' }, /RATES: "probePerClient=5" is not/],
    [{ RATES: 'nope=5/60' }, /RATES: "nope=5\/60" is not/],
    [{ RATES: 'probePerClient=5/0' }, /RATES/],
  ])('%j → %s', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it('accepts the production combinations', () => {
    const c = loadConfig({ HOST: '0.0.0.0', API_KEYS: `${KEY}, ${OTHER}`, REDIS_URL: 'redis://127.0.0.1:6379', VALIDATION_SECRET: 'x'.repeat(32), TRUST_PROXY: '127.0.0.1,10.0.0.0/24', TRUST_PROXY_HOPS: '1' });
    expect(c.apiKeys).toEqual([KEY, OTHER]);
    expect(c.trustProxy.map((p) => p.text)).toEqual(['127.0.0.1', '10.0.0.0/24']);
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_ANONYMOUS: '1' }).allowAnonymous).toBe(true);
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ RATES: 'discoverPerClient=4/60, loginFailures=3/3600' }).rates).toMatchObject({ discoverPerClient: [4, 60], loginFailures: [3, 3600], probePerClient: [30, 60] });
  });
});
