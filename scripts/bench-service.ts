// The hosted-service robustness figure (`npm run bench:service` alone, and part of `npm run bench`, which
// records it in bench/results.json): 10,000 random or malformed bodies per endpoint, the number of 5xx
// answers (must be 0). The bodies go through the whole app (app.request: body cap, JSON, zod, guard, limits,
// handlers) with the rate limits lifted so that valid-looking bodies reach the probe and the store.
// The 200-concurrent-probes figure (through the trusted proxy, per-client caps in place) is in scripts/bench.ts.
// Writes bench/results-service.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createApp } from '../server/app';
import { makeConfig } from '../server/config';
import { startDns } from '../server/testing/dns';
import { makeCert, startSmtp } from '../server/testing/smtp';

const BODIES = Number(process.env.BENCH_BODIES ?? 10_000);

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

type Record_ = (f: { name: string; value: number; unit: string; comparison: string; goal?: string; met?: boolean }) => void;

export async function benchService(record?: Record_): Promise<Record<string, unknown>> {
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
      limits: { concurrentProbes: 256, probesPerClient: 256, connections: 4096 },
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
        if (s >= 500) fiveXx++;
      }
    }
    fuzz[path.replace(/AAAA+/, ':id')] = { requests: BODIES, status, fiveXx };
  }

  await app.close();
  await Promise.all([smtp.close(), dns.close()]);
  const results = {
    when: new Date().toISOString(),
    node: process.version,
    malformedBodies: { perEndpoint: BODIES, endpoints: fuzz, fiveXxTotal: Object.values(fuzz).reduce((n, f) => n + f.fiveXx, 0) },
  };
  for (const [path, f] of Object.entries(fuzz)) {
    record?.({ name: `${BODIES} random or malformed bodies to ${path}, 5xx answers`, value: f.fiveXx, unit: '', comparison: Object.entries(f.status).map(([k, n]) => `${k}: ${n}`).join(', '), goal: '= 0', met: f.fiveXx === 0 });
  }
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
