import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startInstance, startNginx, type Instance, type Nginx } from './testing/instance';
import { startDns } from './testing/dns';
import { startRedis, type TestRedis } from './testing/redis';
import { closedPort, makeCert, startRaw, startSmtp, type TestSmtp } from './testing/smtp';

// Two instances of the production build (dist-server), started as deploy/mailserver-assistent@.service
// starts them, behind Debian's nginx with deploy/nginx-mailserver-assistent.conf, sharing a real redis-server.
const KEY = 'k-proxy-test-0123456789abcdef';
const USER = 'relay@test.nl';
const PASS = 'Pr0xy-Wachtwoord!';
let dir: string;
let redis: TestRedis;
let smtp: TestSmtp;
let dns: Awaited<ReturnType<typeof startDns>>;
let hold: { port: number; close(): Promise<void> };
const held: net.Socket[] = [];
let a: Instance;
let b: Instance;
let nginx: Nginx;
let env: Record<string, string>;
let bundle: string;

interface Answer {
  status: number;
  json: any;
}

/** One HTTP request from a chosen local address (127.0.0.x: a different client for nginx). */
function call(port: number, method: string, path: string, body?: unknown, opts: { from?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress: opts.from,
        agent: false,
        headers: { authorization: `Bearer ${KEY}`, ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}), ...opts.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const settings = () => ({ host: '127.0.0.1', port: smtp.port, encryption: 'tls', auth: { method: 'password', username: USER, password: PASS }, mode: 'relay' });
const validation = () => ({ settings: settings(), domain: 'test.nl', from: 'jan@test.nl', to: 'piet@test.nl' });
const served = (i: Instance, path: string) => i.lines().filter((l) => l.msg === 'request' && l.path === path);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'msa-proxy-'));
  bundle = buildServer('proxy-test');
  const cert = await makeCert(['127.0.0.1']);
  writeFileSync(join(dir, 'ca.pem'), cert.cert);
  [redis, smtp, dns] = await Promise.all([startRedis(), startSmtp({ cert, users: { [USER]: PASS } }), startDns({ 'test.nl': { mx: [{ exchange: 'mx.test.nl', priority: 10 }] } })]);
  hold = await startRaw((s) => held.push(s)); // greets only when the test says so
  const [pa, pb, pn] = [await closedPort(), await closedPort(), await closedPort()];
  env = {
    REDIS_URL: redis.url,
    VALIDATION_SECRET: 'proxy-test-secret-0123456789abcdef',
    API_KEYS: KEY,
    PROBE_ALLOWED_CIDRS: '127.0.0.0/8',
    EXTRA_SMTP_PORTS: `${smtp.port},${hold.port}`,
    PROBE_EXTRA_CA_FILE: join(dir, 'ca.pem'),
    DNS_SERVERS: dns.server,
    RATES: 'discoverPerClient=4/60',
    LOG_LEVEL: 'info',
  };
  [a, b] = await Promise.all([startInstance(bundle, pa, env), startInstance(bundle, pb, env)]);
  nginx = await startNginx(dir, pn, [pa, pb]);
}, 60_000);

afterAll(async () => {
  for (const s of held) s.destroy();
  await nginx?.stop();
  for (const i of [a, b]) if (i && i.child.exitCode === null) i.child.kill('SIGKILL');
  await Promise.all([redis?.stop(), smtp?.close(), dns?.close(), hold?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('two instances behind nginx, one Redis', () => {
  it('the instances use the unit file: Redis store, trusted proxy, keys required', async () => {
    expect((await call(a.port, 'GET', '/v1/health')).json).toMatchObject({ ok: true, store: 'redis' });
    expect((await call(nginx.port, 'GET', '/v1/ready')).status).toBe(200);
    expect((await call(nginx.port, 'POST', '/v1/discover', { domain: 'test.nl' }, { headers: { authorization: '' } })).status).toBe(401);
    const listening = a.lines().find((l) => l.msg === 'backend listening')!;
    expect(listening).toMatchObject({ store: 'redis', trustProxy: ['127.0.0.1'] });
  });

  it('a validation created through one instance is confirmed through the other', async () => {
    expect((await call(a.port, 'POST', '/v1/probe', settings())).json.ok).toBe(true);
    const mail = smtp.nextMail();
    const created = await call(a.port, 'POST', '/v1/validations', validation());
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const code = /Uw validatiecode: ([A-Z0-9]{6})/.exec((await mail).raw)![1]!;
    const r = await call(b.port, 'POST', `/v1/validations/${created.json.id}/confirm`, { code });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ validated: true, domain: 'test.nl' });
  });

  it('rate limits are shared, and the client address nginx passes on is the one limited', async () => {
    const beforeA = served(a, '/v1/discover').length;
    const beforeB = served(b, '/v1/discover').length;
    const from = (client: string, headers: Record<string, string> = {}) => call(nginx.port, 'POST', '/v1/discover', { domain: 'test.nl' }, { from: client, headers });
    // four through nginx from 127.0.0.2, spread over both instances, even with a made-up X-Forwarded-For
    for (const fake of ['198.51.100.1', '198.51.100.2', '', '203.0.113.7']) expect((await from('127.0.0.2', fake ? { 'x-forwarded-for': fake } : {})).status).toBe(200);
    expect(served(a, '/v1/discover').length).toBeGreaterThan(beforeA);
    expect(served(b, '/v1/discover').length).toBeGreaterThan(beforeB);
    const fifth = await from('127.0.0.2', { 'x-forwarded-for': '192.0.2.99' });
    expect(fifth.status).toBe(429);
    expect(fifth.json.error.params.limit).toBe('discoverClient');
    // another client behind the same nginx is not limited
    expect((await from('127.0.0.3')).status).toBe(200);
    const clients = () => [...a.lines(), ...b.lines()].filter((l) => l.path === '/v1/discover').map((l) => l.client);
    await expect.poll(() => clients().filter((c) => c === '127.0.0.2' || c === '127.0.0.3').length).toBe(6);
    expect(clients()).not.toContain('198.51.100.1');
  });

  it('a client sending its own X-Forwarded-For straight to an instance changes nothing', async () => {
    const direct = (fake: string) => call(b.port, 'POST', '/v1/discover', { domain: 'test.nl' }, { from: '127.0.0.4', headers: { 'x-forwarded-for': fake } });
    const statuses = [];
    for (const fake of ['198.51.100.10', '198.51.100.11', '198.51.100.12', '198.51.100.13', '198.51.100.14']) statuses.push((await direct(fake)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    await expect.poll(() => b.lines().filter((l) => l.path === '/v1/discover' && l.client === '127.0.0.4').length).toBe(5);
  });

  it('killing one instance mid-traffic loses no validation', async () => {
    const client = '127.0.0.5';
    expect((await call(nginx.port, 'POST', '/v1/probe', settings(), { from: client })).json.ok).toBe(true);
    const made: Array<{ id: string; code: string }> = [];
    for (let i = 0; i < 4; i++) {
      const mail = smtp.nextMail();
      const r = await call(nginx.port, 'POST', '/v1/validations', validation(), { from: client });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      made.push({ id: r.json.id, code: /Uw validatiecode: ([A-Z0-9]{6})/.exec((await mail).raw)![1]! });
    }
    // traffic keeps going while A dies
    const traffic = Array.from({ length: 12 }, (_, i) => call(nginx.port, 'GET', '/v1/ready', undefined, { from: `127.0.0.${20 + i}` }));
    a.child.kill('SIGKILL');
    await a.exited;
    const after = await Promise.all(traffic);
    expect(after.every((r) => r.status === 200 || r.status === 502)).toBe(true);
    // after it: every request is answered by the instance that is left
    const later = await Promise.all(Array.from({ length: 12 }, (_, i) => call(nginx.port, 'GET', '/v1/ready', undefined, { from: `127.0.0.${40 + i}` })));
    expect(later.map((r) => r.status)).toEqual(Array(12).fill(200));
    for (const v of made) {
      const r = await call(nginx.port, 'POST', `/v1/validations/${v.id}/confirm`, { code: v.code }, { from: client });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
  });

  it('SIGTERM drains a running probe: it finishes, new work is refused, the process exits 0', async () => {
    const running = call(b.port, 'POST', '/v1/probe', { host: '127.0.0.1', port: hold.port, encryption: 'none' }, { from: '127.0.0.6' });
    await expect.poll(() => held.length, { timeout: 5000 }).toBe(1);
    b.child.kill('SIGTERM');
    await expect.poll(() => b.lines().some((l) => String(l.msg).startsWith('stopping')), { timeout: 5000 }).toBe(true);
    // no new connections
    await expect(call(b.port, 'GET', '/v1/health')).rejects.toThrow(/ECONNREFUSED/);
    // the server now answers; the probe completes and is answered
    const s = held[0]!;
    s.write('220 hold.test ESMTP\r\n');
    s.on('data', (d) => {
      const line = String(d);
      if (/^EHLO/i.test(line)) s.write('250-hold.test\r\n250 8BITMIME\r\n');
      else if (/^QUIT/i.test(line)) s.end('221 bye\r\n');
      else s.write('502 no\r\n');
    });
    const r = await running;
    expect(r.status).toBe(200);
    expect(r.json.steps.find((x: { step: string }) => x.step === 'greeting').status).toBe('ok');
    expect(await b.exited).toBe(0);
  });
});
