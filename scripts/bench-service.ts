// The hosted-service figures of issue 9 (`npm run bench:service`; scripts/bench.ts may call benchService()):
// 1. 200 concurrent probes from 200 client addresses through a trusted proxy (X-Forwarded-For from
//    127.0.0.1, TRUST_PROXY=127.0.0.1) over real HTTP against a local SMTP server: all answered, p95 ≤ 3× one probe;
// 2. 10,000 random or malformed bodies per endpoint: the number of 5xx answers (must be 0).
// Writes bench/results-service.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app';
import { makeConfig } from '../server/config';
import { startDns } from '../server/testing/dns';
import { makeCert, startSmtp } from '../server/testing/smtp';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const BODIES = Number(process.env.BENCH_BODIES ?? 10_000);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

/** A deterministic pseudo-random source, so a run can be repeated. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const TEMPLATES: Record<string, () => object> = {
  '/v1/probe': () => ({ host: 'smtp.bench.test', port: 587, encryption: 'tls', auth: { method: 'password', username: 'a@b.nl', password: 'x'.repeat(8) }, mode: 'relay' }),
  '/v1/discover': () => ({ email: 'jan@bench.test' }),
  '/v1/validations': () => ({ settings: { host: 'smtp.bench.test', port: 587, encryption: 'tls', auth: { method: 'password', username: 'a@b.nl', password: 'pw-pw-pw' }, mode: 'relay' }, domain: 'bench.test', from: 'a@bench.test', to: 'b@bench.test', lang: 'nl' }),
  '/v1/validations/AAAAAAAAAAAAAAAAAAAAAA/confirm': () => ({ code: 'ABCDEF' }),
};

const ODD_VALUES = [null, true, false, 0, -1, 1e308, -0, 65536, 587.5, '', ' ', '\u0000', '\r\nBcc: x@y', 'ä'.repeat(300), '1'.repeat(5000), [], {}, [[[[[]]]]], { $gt: '' }, '__proto__', 'constructor', '127.0.0.1', '::1', '10.0.0.1', 'localhost', '0x7f.1', 'a@b@c', '<script>', '%00', '../../etc/passwd'];

/** A random or malformed body: a mutated valid template, a random JSON value, or bytes that are not JSON. */
function randomBody(path: string, r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const kind = r();
  if (kind < 0.15) {
    // not JSON, truncated JSON, or random bytes
    const valid = JSON.stringify(TEMPLATES[path]!());
    const choice = r();
    if (choice < 0.3) return valid.slice(0, Math.floor(r() * valid.length));
    if (choice < 0.6) return Array.from({ length: Math.floor(r() * 200) }, () => String.fromCharCode(Math.floor(r() * 256))).join('');
    return pick(['', '{', '}', '[', 'null', '"x"', '{"a":', '{"host":"x",}', '\ufeff{}', '{"__proto__":{"x":1}}']);
  }
  if (kind < 0.3) return JSON.stringify(structuredClone(pick(ODD_VALUES)));
  // mutate a valid body: change, delete or add fields at random depth
  const body = TEMPLATES[path]!() as Record<string, unknown>;
  const mutations = 1 + Math.floor(r() * 3);
  for (let i = 0; i < mutations; i++) {
    let target: Record<string, unknown> = body;
    for (let depth = 0; depth < 2; depth++) {
      const keys = Object.keys(target);
      const k = keys.length ? pick(keys) : 'x';
      const v = target[k];
      if (v && typeof v === 'object' && !Array.isArray(v) && r() < 0.5) target = v as Record<string, unknown>;
      else break;
    }
    const keys = Object.keys(target);
    const k = keys.length && r() < 0.8 ? pick(keys) : pick(['x', 'extra', '__proto__', 'constructor', 'auth', 'settings']);
    const op = r();
    if (op < 0.2) delete target[k];
    else target[k] = structuredClone(pick(ODD_VALUES));
  }
  return JSON.stringify(body);
}

export async function benchService(): Promise<Record<string, unknown>> {
  const cert = await makeCert(['smtp.bench.test', '127.0.0.1']);
  const users = { 'bench@bench.test': 'bench-password' };
  const smtp = await startSmtp({ cert, users });
  const dns = await startDns({ 'smtp.bench.test': { a: ['127.0.0.1'] }, 'bench.test': { mx: [{ exchange: 'smtp.bench.test', priority: 10 }] } });
  const big = 1e9;
  const app = createApp(
    makeConfig({
      allowedCidrs: ['127.0.0.0/8'],
      extraPorts: [smtp.port],
      extraCa: [cert.cert],
      dnsServers: [dns.server],
      trustProxy: ['127.0.0.1'],
      limits: { concurrentProbes: CLIENTS + 16, probesPerClient: CLIENTS + 16, connections: 4096 },
      rates: {
        probePerClient: [big, 60],
        discoverPerClient: [big, 60],
        probePerTarget: [big, 60],
        probePerTargetGlobal: [big, 60],
        validationPerClient: [big, 60],
        validationPerRecipient: [big, 60],
        validationPerRecipientGlobal: [big, 60],
        validationPerTarget: [big, 60],
        validationPerTargetGlobal: [big, 60],
        confirmPerClient: [big, 60],
        loginFailures: [big, 60],
      },
    }),
    { logLevel: 'silent' },
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = { method: 'password', username: 'bench@bench.test', password: 'bench-password' };
  const probe = async (client: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/probe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ host: '127.0.0.1', port: smtp.port, encryption: 'tls', auth }),
    });
    const json = (await res.json()) as { ok?: boolean };
    return { ms: performance.now() - t0, status: res.status, ok: json.ok === true };
  };

  // One probe at a time (the reference), then CLIENTS at once, each from its own address.
  await probe('198.51.100.1');
  const single: number[] = [];
  for (let i = 0; i < 20; i++) single.push((await probe(`198.51.100.${2 + i}`)).ms);
  const clientAddr = (i: number) => (i % 2 ? `2001:db8:${i.toString(16)}::1` : `203.0.${Math.floor(i / 250)}.${(i % 250) + 1}`);
  const t0 = performance.now();
  const all = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => probe(clientAddr(i))));
  const wall = performance.now() - t0;
  const concurrent = all.map((x) => x.ms);
  const answered = all.filter((x) => x.status === 200).length;
  const okCount = all.filter((x) => x.ok).length;
  const singleP50 = pct(single, 50);
  const p95 = pct(concurrent, 95);

  // Random and malformed bodies, in-process (the same app.fetch), BODIES per endpoint.
  const fuzz: Record<string, { requests: number; status: Record<string, number>; fiveXx: number }> = {};
  const r = rng(20261130);
  for (const path of Object.keys(TEMPLATES)) {
    const status: Record<string, number> = {};
    let fiveXx = 0;
    for (let i = 0; i < BODIES; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, BODIES - i) }, async () => {
          const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: randomBody(path, r) });
          await res.arrayBuffer();
          return res.status;
        }),
      );
      for (const s of batch) {
        status[s] = (status[s] ?? 0) + 1;
        if (s >= 500 && s !== 503) fiveXx++;
        if (s === 503) fiveXx++;
      }
    }
    fuzz[path.replace(/AAAA+/, ':id')] = { requests: BODIES, status, fiveXx };
  }

  server.close();
  await app.close();
  await Promise.all([smtp.close(), dns.close()]);
  const results = {
    when: new Date().toISOString(),
    node: process.version,
    concurrentProbes: {
      clients: CLIENTS,
      via: 'X-Forwarded-For from 127.0.0.1 (TRUST_PROXY=127.0.0.1), real HTTP',
      answered,
      reportsOk: okCount,
      singleProbeP50Ms: Math.round(singleP50 * 10) / 10,
      concurrentP50Ms: Math.round(pct(concurrent, 50) * 10) / 10,
      concurrentP95Ms: Math.round(p95 * 10) / 10,
      wallMs: Math.round(wall),
      p95OverSingle: Math.round((p95 / singleP50) * 100) / 100,
      pass: answered === CLIENTS && p95 <= 3 * singleP50,
    },
    malformedBodies: { perEndpoint: BODIES, endpoints: fuzz, fiveXxTotal: Object.values(fuzz).reduce((n, f) => n + f.fiveXx, 0) },
  };
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results-service.json', `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchService().then(
    (r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
