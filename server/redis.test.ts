import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { redisStore, type Store } from './store';
import { testApp, type TestApp } from './testing/app';
import { startRedis, type TestRedis } from './testing/redis';
import { closedPort, makeCert, startSmtp, type TestSmtp } from './testing/smtp';

// Two backend instances on one real redis-server, as behind a load balancer.
let redis: TestRedis;
let smtp: TestSmtp;
let refused: number;
let a: TestApp;
let b: TestApp;

let certPem = '';
const USER = 'relay@test.nl';
const PASS = 'R3dis-Shared-Secret!';

beforeAll(async () => {
  redis = await startRedis();
  const cert = await makeCert(['127.0.0.1']);
  certPem = cert.cert;
  smtp = await startSmtp({ cert, users: { [USER]: PASS } });
  refused = await closedPort();
  const config = {
    redisUrl: redis.url,
    allowedCidrs: ['127.0.0.0/8', '::1/128'],
    extraPorts: [smtp.port, refused],
    extraCa: [cert.cert],
    rates: { probePerTarget: [3, 60] as [number, number] },
    timeouts: { connect: 1000, greeting: 1500, tls: 1000, command: 1500, send: 4000 },
  };
  a = testApp(config);
  b = testApp(config);
});

afterAll(async () => {
  await Promise.all([a.app.close(), b.app.close()]);
  await smtp.close();
  await redis.stop();
});

const validationBody = () => ({
  settings: { host: '127.0.0.1', port: smtp.port, encryption: 'tls', auth: { method: 'password', username: USER, password: PASS }, mode: 'relay' },
  domain: 'test.nl',
  from: 'jan@test.nl',
  to: 'piet@test.nl',
});

async function createOn(app: TestApp) {
  // The validation mail follows a successful probe of the same settings (recorded in Redis).
  const probe = await app.post('/v1/probe', validationBody().settings);
  expect(probe.json.ok, JSON.stringify(probe.json)).toBe(true);
  const mail = smtp.nextMail();
  const r = await app.post('/v1/validations', validationBody());
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const code = /Uw validatiecode: ([A-Z0-9]{6})/.exec((await mail).raw)![1]!;
  return { id: r.json.id as string, code };
}

describe('Redis store shared by two instances', () => {
  it('health says redis', async () => {
    expect((await a.get('/v1/health')).json).toMatchObject({ ok: true, store: 'redis' });
  });

  it('a validation created on A is confirmed on B (shared HMAC key kept in Redis)', async () => {
    const { id, code } = await createOn(a);
    const r = await b.post(`/v1/validations/${id}/confirm`, { code });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ validated: true, domain: 'test.nl' });
    expect((await a.post(`/v1/validations/${id}/confirm`, { code })).status).toBe(410);
  });

  it('wrong attempts count across instances, and concurrent right confirms on A and B give exactly one 200', async () => {
    const v = await createOn(b);
    const wrong = v.code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    expect((await a.post(`/v1/validations/${v.id}/confirm`, { code: wrong })).json.error.attemptsLeft).toBe(4);
    expect((await b.post(`/v1/validations/${v.id}/confirm`, { code: wrong })).json.error.attemptsLeft).toBe(3);
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).post(`/v1/validations/${v.id}/confirm`, { code: v.code })));
    expect(all.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('one rate limit for both instances (per target address)', async () => {
    // ::1, not 127.0.0.1: the validation tests above probed 127.0.0.1 and took points of that target.
    const probe = (app: TestApp) => app.post('/v1/probe', { host: '::1', port: refused, encryption: 'tls' });
    expect((await probe(a)).status).toBe(200);
    expect((await probe(b)).status).toBe(200);
    expect((await probe(a)).status).toBe(200);
    const fourth = await probe(b);
    expect(fourth.status).toBe(429);
    expect(fourth.json.error.code).toBe('rate_limited');
  });

  it('Redis down → 503 store_unavailable (no crash); Redis back → service resumes without restart', async () => {
    const v = await createOn(a);
    await redis.stop();
    const health = await a.get('/v1/health');
    expect(health.status).toBe(503);
    expect(health.json.error.code).toBe('store_unavailable');
    const confirm = await b.post(`/v1/validations/${v.id}/confirm`, { code: v.code });
    expect(confirm.status).toBe(503);
    expect((await a.post('/v1/validations', validationBody())).status).toBe(503);

    await redis.start();
    const until = Date.now() + 5000;
    let status = 0;
    while (Date.now() < until) {
      status = (await a.get('/v1/health')).status;
      if (status === 200 && (await b.get('/v1/health')).status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    // A fresh Redis lost its data (no persistence in the test); a new round trip works on both instances.
    const again = await createOn(b);
    expect((await a.post(`/v1/validations/${again.id}/confirm`, { code: again.code })).status).toBe(200);
  });
});

describe('Redis failing at the worst moments', () => {
  const SECRET = 'redis-failure-secret-0123456789';
  let r2: TestRedis;
  let killer: Redis;
  /** Drops every other client's connection to this Redis (a real failure; ioredis reconnects on its own). */
  const dropConnections = () => killer.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
  const hooks: { afterGet?: () => Promise<unknown>; beforeCreate?: () => Promise<unknown> } = {};
  let t: TestApp;

  beforeAll(async () => {
    r2 = await startRedis();
    killer = new Redis(r2.url);
    const real = redisStore(r2.url, SECRET);
    const store: Store = {
      ...real,
      get: async (id) => {
        const rec = await real.get(id);
        await hooks.afterGet?.();
        return rec;
      },
      create: async (...args) => {
        await hooks.beforeCreate?.();
        return real.create(...args);
      },
    };
    t = testApp({ redisUrl: r2.url, extraPorts: [smtp.port], extraCa: [certPem], timeouts: { connect: 1000, greeting: 1500, tls: 1000, command: 1500, send: 4000 } }, { store });
  });

  afterAll(async () => {
    killer.disconnect();
    await t.app.close();
    await r2.stop();
  });

  const ready = async () => expect.poll(async () => (await t.get('/v1/ready')).status, { timeout: 5000 }).toBe(200);

  it('during a confirm (between reading the record and using it): 503, the code is not burnt, it works once Redis is back', async () => {
    expect((await t.post('/v1/probe', validationBody().settings)).json.ok).toBe(true);
    const mail = smtp.nextMail();
    const created = await t.post('/v1/validations', validationBody());
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const code = /Uw validatiecode: ([A-Z0-9]{6})/.exec((await mail).raw)![1]!;
    hooks.afterGet = async () => {
      hooks.afterGet = undefined;
      await dropConnections();
    };
    const failed = await t.post(`/v1/validations/${created.json.id}/confirm`, { code });
    expect(failed.status).toBe(503);
    expect(failed.json.error.code).toBe('store_unavailable');
    await ready();
    const ok = await t.post(`/v1/validations/${created.json.id}/confirm`, { code });
    expect(ok.status).toBe(200);
  });

  it('before the record is written: 503 and no mail goes out (a code is never mailed without its record)', async () => {
    await ready();
    expect((await t.post('/v1/probe', validationBody().settings)).json.ok).toBe(true);
    const before = smtp.mails.length;
    const pendingBefore = await t.app.store.pending();
    hooks.beforeCreate = async () => {
      hooks.beforeCreate = undefined;
      await dropConnections();
    };
    const r = await t.post('/v1/validations', validationBody());
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe('store_unavailable');
    await ready();
    expect(smtp.mails.length).toBe(before);
    expect(await t.app.store.pending()).toBe(pendingBefore);
  });
});
