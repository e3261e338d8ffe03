// `npm run bench`: the probe's speed, end to end through HTTP, beside swaks and a raw-socket floor.
//
// Against Debian's Postfix + Dovecot SASL on loopback when scripts/postfix-check.sh has set them up
// (587 STARTTLS, 465 implicit TLS, user crm@test.nl), otherwise against in-process smtp-servers (which
// greet 100 ms after the connect by themselves: that delay is in every in-process figure). Each figure goes
// to bench/results.json with its unit, its comparison and the machine. Not part of `npm test`.
//
// BENCH_PAIRS (default 30) alternating pairs per case; BENCH_TARGET=inprocess forces the in-process servers.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { startBackendProcess } from './bench-backend';
import { benchExtensionSide } from './bench/extension-side';
import { figures, machine, med, pct, record } from './bench/figures';
import { floor, setsockopt } from './bench/floor';
import { startHttpFloor } from './bench/http-floor';
import { benchClient } from './bench/client';
import { closeAgent, postJson } from './bench/http';
import { serverCpuMs } from './bench/proc';
import { swaks, swaksAvailable } from './bench/swaks';
import { pickTarget } from './bench/target';
import { INCLUDED_SPF, startDns } from '../server/testing/dns';
import { startLateGreeter } from '../server/testing/smtp';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 30);

// ---------------------------------------------------------------------------------------------- main
async function main() {
  const target = await pickTarget();
  const swaksVersion = target.kind.startsWith('Postfix') || process.env.BENCH_SWAKS_INPROCESS ? swaksAvailable() : undefined;
  const late500 = await startLateGreeter(target.starttls, 500);
  const late3000 = await startLateGreeter(target.starttls, 3000);
  const SRV = 33;
  const dns = await startDns(
    { ...INCLUDED_SPF, 'traag-bedrijf.nl': { mx: [{ exchange: 'traag-bedrijf-nl.mail.protection.outlook.com', priority: 0 }], txt: ['v=spf1 include:spf.protection.outlook.com -all'] } },
    { drop: (name, type) => type === SRV || name.startsWith('_dmarc.') },
  );
  // The backend as an operator runs it (scripts/bench-backend.ts): the production build in its own process.
  // Enough slots for the concurrency burst: the global per-target bucket (300 a minute by default) is raised;
  // the per-client caps (2 probes at once, 20 a minute per target) stay as shipped.
  const backend = await startBackendProcess(
    {
      PROBE_ALLOWED_CIDRS: '127.0.0.0/8',
      EXTRA_SMTP_PORTS: [target.starttls, target.implicit, late500.port, late3000.port].join(','),
      DNS_SERVERS: dns.server,
      // Distinct clients: the backend keys its per-client limits on the last X-Forwarded-For entry from TRUST_PROXY.
      TRUST_PROXY: '127.0.0.1',
      RATES: 'probePerTargetGlobal=1000000/60',
      MAX_CONCURRENT_PROBES: '256',
    },
    target.ca,
  );
  const base = backend.base;
  const httpFloor = await startHttpFloor();
  const { probe, probeFetch, okProbe, stepMs, nextClient } = benchClient(base, { method: 'password', username: target.user, password: target.pass });

  console.log(`Mailserver Assistent probe benchmark`);
  console.log(`  machine: ${machine}`);
  console.log(`  server:  ${target.kind}; ${target.note}`);
  console.log(`  swaks:   ${swaksVersion ?? 'not run (needs Postfix, swaks and Net::SSLeay)'}`);
  console.log(`  floor:   raw net/tls, same exchange, in this process; TCP_QUICKACK ${setsockopt ? 'available' : 'not available'}`);
  console.log(`  HTTP floor: a bare node:http server in its own process running that floor (scripts/bench/http-floor.ts)`);
  console.log('');

  // warm-up: TLS contexts, JIT, Postfix's smtpd processes, Dovecot's auth cache
  for (let i = 0; i < 3; i++) {
    await okProbe(target.starttls, 'tls');
    await okProbe(target.implicit, 'ssl');
    await floor(target.starttls, false, target.user, target.pass, true);
    if (swaksVersion) await swaks(target.starttls, false, target.user, target.pass);
  }

  // 1. the probe beside swaks and the floor, alternating the order in every round
  const singles: Record<string, number> = {};
  for (const [label, port, enc, implicit] of [
    ['STARTTLS + AUTH PLAIN (587-style, "Gebruik TLS")', target.starttls, 'tls', false],
    ['implicit TLS + AUTH PLAIN (465-style, "Gebruik SSL")', target.implicit, 'ssl', true],
  ] as const) {
    // The probe beside the floors: the order rotates every round, so each runs after each other equally
    // often (what ran just before, e.g. a burst of CPU, weighs on all alike).
    // The bare HTTP server answers as many bytes as the backend's report for this case.
    const answerBytes = Buffer.byteLength(JSON.stringify((await probe(port, enc)).report));
    const runs: Record<string, () => Promise<number>> = {
      us: () => okProbe(port, enc, true),
      httpFloor: async () => {
        const t0 = performance.now();
        const r = await postJson(httpFloor.base, { port, implicit, user: target.user, pass: target.pass, answerBytes });
        if (r.status !== 200) throw new Error(`http floor: ${JSON.stringify(r.json).slice(0, 200)}`);
        return performance.now() - t0;
      },
      usFetch: () => probeFetch(port, enc),
      floor: () => floor(port, implicit, target.user, target.pass, false),
      floorQuickAck: () => floor(port, implicit, target.user, target.pass, true),
    };
    const names = Object.keys(runs);
    const xs: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let i = 0; i < PAIRS; i++) {
      const order = [...names.slice(i % names.length), ...names.slice(0, i % names.length)];
      for (const n of order) xs[n]!.push(await runs[n]!());
    }
    // The probe beside swaks, in pairs of their own (swaks starts Perl: ~170 ms of CPU that would otherwise
    // slow whichever ran next), alternating which goes first.
    const ratioSwaks: number[] = [];
    if (swaksVersion) {
      xs.swaks = [];
      for (let i = 0; i < PAIRS; i++) {
        const pair = { us: 0, swaks: 0 };
        for (const n of i % 2 ? (['us', 'swaks'] as const) : (['swaks', 'us'] as const)) {
          pair[n] = n === 'us' ? await okProbe(port, enc) : await swaks(port, implicit, target.user, target.pass);
        }
        xs.swaks.push(pair.swaks);
        ratioSwaks.push(pair.us / pair.swaks);
      }
    }
    const us = xs.us!;
    singles[enc] = med(us);
    console.log(`${label} (${PAIRS} rounds beside the floors, ${swaksVersion ? PAIRS : 0} pairs beside swaks)`);
    record({ name: `${enc}: probe via HTTP, median`, value: med(us), unit: 'ms', comparison: `p95 ${pct(us, 95).toFixed(1)} ms; node:http keep-alive client` });
    record({ name: `${enc}: probe via HTTP with Node's fetch, median`, value: med(xs.usFetch!), unit: 'ms', comparison: `p95 ${pct(xs.usFetch!, 95).toFixed(1)} ms; undici's own cost included` });
    console.log(`    where the time goes (medians, ms): ${Object.entries(stepMs[enc] ?? {}).map(([k, v]) => `${k} ${med(v).toFixed(2)}`).join(' · ')}`);
    record({ name: `${enc}: raw net/tls floor, median`, value: med(xs.floor!), unit: 'ms', comparison: `p95 ${pct(xs.floor!, 95).toFixed(1)} ms; no socket options` });
    record({ name: `${enc}: raw net/tls floor with TCP_QUICKACK, median`, value: med(xs.floorQuickAck!), unit: 'ms', comparison: `p95 ${pct(xs.floorQuickAck!, 95).toFixed(1)} ms` });
    const strictFloor = Math.min(med(xs.floor!), med(xs.floorQuickAck!));
    record({ name: `${enc}: probe / fastest floor`, value: med(us) / strictFloor, unit: '×', comparison: `median probe ÷ the faster floor median`, goal: '≤ 1.3', met: med(us) / strictFloor <= 1.3 });
    const hf = med(xs.httpFloor!);
    record({ name: `${enc}: HTTP floor, median`, value: hf, unit: 'ms', comparison: `p95 ${pct(xs.httpFloor!, 95).toFixed(1)} ms; a bare node:http server in its own process running the floor with TCP_QUICKACK, answering ${answerBytes} bytes` });
    record({ name: `${enc}: HTTP floor / fastest floor`, value: hf / strictFloor, unit: '×', comparison: 'what any HTTP hop to a separate process costs here, with nothing else done' });
    record({ name: `${enc}: probe / HTTP floor`, value: med(us) / hf, unit: '×', comparison: 'what the backend adds over that bare server: framework, body cap, zod, guard, limits, findings, logging' });
    const by = stepMs[enc] ?? {};
    const smtp = by['backend: SMTP session'] ?? [];
    if (smtp.length) {
      record({ name: `${enc}: the backend's SMTP session / fastest floor`, value: med(smtp) / strictFloor, unit: '×', comparison: `SMTP session ${med(smtp).toFixed(2)} ms (Server-Timing), the same exchange as the floor` });
      record({ name: `${enc}: the backend's rest of the request, median`, value: med(by['backend: the rest of the request']!), unit: 'ms', comparison: 'body, zod, guard, limits, findings, store, JSON (Server-Timing "app")' });
      record({ name: `${enc}: HTTP hop, median`, value: med(by['HTTP hop (total − backend)']!), unit: 'ms', comparison: 'client total − the backend\'s own time: request and answer on loopback, both processes waking' });
    }
    if (xs.swaks) {
      record({ name: `${enc}: swaks --quit-after AUTH, median`, value: med(xs.swaks), unit: 'ms', comparison: `p95 ${pct(xs.swaks, 95).toFixed(1)} ms; Perl start-up included` });
      record({ name: `${enc}: probe / swaks (median of pair ratios)`, value: med(ratioSwaks), unit: '×', comparison: `p95 of pair ratios ${pct(ratioSwaks, 95).toFixed(2)}`, goal: '≤ 0.6', met: med(ratioSwaks) <= 0.6 });
    }
  }

  // 2. wrong-encryption verdicts
  console.log('wrong encryption (verdict through HTTP)');
  for (const [label, port, enc, code] of [
    ['"Gebruik TLS" on the implicit-TLS port', target.implicit, 'tls', 'port-expects-ssl'],
    ['"Gebruik SSL" on the STARTTLS port', target.starttls, 'ssl', 'port-expects-starttls'],
  ] as const) {
    const xs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { ms, report } = await probe(port, enc);
      if (!report.findings.some((f) => f.code === code)) throw new Error(`${label}: no ${code}: ${JSON.stringify(report.findings)}`);
      xs.push(ms);
    }
    record({ name: `verdict ${label}, median`, value: med(xs), unit: 'ms', comparison: `p95 ${pct(xs, 95).toFixed(1)} ms, n=10; diagnosed ${code}`, goal: '≤ 250', met: pct(xs, 95) <= 250 });
  }

  // 3. late greeters: a greet pause in front of the STARTTLS server
  console.log('late greeters (a greet pause in front of the STARTTLS server)');
  for (const [g, delay, n] of [
    [late500, 500, 3],
    [late3000, 3000, 2],
  ] as const) {
    const full: number[] = [];
    const verdict: number[] = [];
    for (let i = 0; i < n; i++) {
      full.push(await okProbe(g.port, 'tls'));
      const { ms, report } = await probe(g.port, 'ssl');
      if (report.detected.portMode !== 'starttls') throw new Error(`late ${delay}: "Gebruik SSL" diagnosed as ${report.detected.portMode}`);
      verdict.push(ms);
    }
    record({ name: `greet pause ${delay} ms: "Gebruik TLS" + AUTH ok, median`, value: med(full), unit: 'ms', comparison: `n=${n}; the pause itself is ${delay} ms` });
    record({ name: `greet pause ${delay} ms: "Gebruik SSL" → port-expects-starttls, median`, value: med(verdict), unit: 'ms', comparison: `n=${n}; the pause itself is ${delay} ms` });
  }

  // 4. discovery with a DNS server that drops SRV and DMARC questions (resolver as in production: 3 s × 2 tries)
  console.log('discovery, some questions dropped');
  const disc: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const res = await postJson(`${base}/v1/discover`, { email: 'info@traag-bedrijf.nl' }, { 'x-forwarded-for': nextClient() });
    const body = res.json as { candidates?: Array<{ settings: { host: string } }> };
    disc.push(performance.now() - t0);
    if (!body.candidates?.some((c) => c.settings.host === 'smtp.office365.com')) throw new Error(`discover: ${JSON.stringify(body).slice(0, 300)}`);
  }
  record({ name: 'discover with SRV and DMARC unanswered, median', value: med(disc), unit: 'ms', comparison: 'n=2; bounded by the 6 s discover deadline; discover connects to no guessed host', goal: '≤ 8000', met: Math.max(...disc) <= 8000 });

  // 5. concurrency: 200 probes at once from 200 clients (X-Forwarded-For behind TRUST_PROXY), 256 slots
  console.log('concurrency');
  const N = 200;
  // One unmeasured burst first: Postfix forks an smtpd per connection and keeps it for the next one.
  await Promise.allSettled(Array.from({ length: N }, () => okProbe(target.starttls, 'tls')));
  const cpu0 = process.cpuUsage();
  const backend0 = backend.cpuMs();
  const server0 = serverCpuMs();
  const t0 = performance.now();
  const all = await Promise.allSettled(Array.from({ length: N }, () => okProbe(target.starttls, 'tls')));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const clientMs = (cpu.user + cpu.system) / 1000;
  const backendMs = backend.cpuMs() - backend0;
  const cpuMs = clientMs + backendMs;
  const serverMs = serverCpuMs() - server0;
  const done = all.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = all.filter((r) => r.status === 'rejected');
  if (failed.length) console.log(`    ${failed.length} failed, first: ${String((failed[0] as PromiseRejectedResult).reason).slice(0, 200)}`);
  const p95 = pct(done.length ? done : [Infinity], 95);
  record({ name: `${N} concurrent STARTTLS + AUTH probes, completed`, value: done.length, unit: '', comparison: `of ${N}; wall ${wall.toFixed(0)} ms`, goal: `= ${N}`, met: done.length === N });
  record({ name: `${N} concurrent probes, p95 / single median`, value: p95 / singles.tls!, unit: '×', comparison: `p95 ${p95.toFixed(1)} ms vs single ${singles.tls!.toFixed(1)} ms`, goal: '≤ 3', met: p95 / singles.tls! <= 3 });
  record({ name: `${N} concurrent probes, backend CPU per probe`, value: backendMs / N, unit: 'ms', comparison: `the backend process, user+system (/proc, 10 ms ticks); ${os.cpus().length} cores shared with the SMTP server and the client` });
  record({ name: `${N} concurrent probes, HTTP client CPU per probe`, value: clientMs / N, unit: 'ms', comparison: 'the bench process (node:http client), user+system' });
  if (target.kind.startsWith('Postfix')) {
    record({ name: `${N} concurrent probes, Postfix + Dovecot CPU per probe`, value: serverMs / N, unit: 'ms', comparison: 'smtpd, dovecot auth and helpers (/proc, 10 ms ticks summed over processes)' });
    record({ name: `${N} concurrent probes, CPU-bound floor for the last one`, value: (cpuMs + serverMs) / os.cpus().length, unit: 'ms', comparison: `all CPU of the burst ÷ ${os.cpus().length} cores: no scheduling finishes the last probe sooner` });
    const cpuFloor = (cpuMs + serverMs) / os.cpus().length;
    record({ name: `${N} concurrent probes, p95 / CPU-bound floor`, value: p95 / cpuFloor, unit: '×', comparison: 'how close the burst comes to what the cores allow (1 = no time lost to waiting or scheduling)' });
  }

  // Hook for the service figures (scripts/bench-service.ts, by the hosted-backend work): when that file
  // exists and exports `benchService(record)`, it runs here and its figures land in the same results.json.
  const servicePath = new URL('./bench-service.ts', import.meta.url);
  if (existsSync(servicePath)) {
    const mod = (await import(servicePath.href)) as { benchService?: (rec: typeof record) => Promise<void> };
    if (mod.benchService) {
      console.log('service');
      await mod.benchService(record);
    }
  }

  await benchExtensionSide(record);

  // The backend logged every request and probe of this run at its default level: never the password.
  const log = backend.log();
  const leaked = log.includes(target.pass) || log.includes(Buffer.from(`\0${target.user}\0${target.pass}`).toString('base64'));
  console.log(`backend log: ${log.split('\n').length - 1} lines, password ${leaked ? 'FOUND' : 'not found'}`);
  closeAgent();
  httpFloor.close();
  await Promise.all([backend.close(), target.close(), late500.close(), late3000.close(), dns.close()]);
  if (leaked) throw new Error('the backend log holds the password');
  mkdirSync(new URL('../bench/', import.meta.url), { recursive: true });
  const out = new URL('../bench/results.json', import.meta.url);
  writeFileSync(out, `${JSON.stringify({ generated: new Date().toISOString(), server: target.kind, swaks: swaksVersion ?? null, pairs: PAIRS, figures, breakdownMedianMs: Object.fromEntries(Object.entries(stepMs).map(([enc, by]) => [enc, Object.fromEntries(Object.entries(by).map(([k, v]) => [k, med(v)]))])) }, null, 2)}\n`);
  console.log(`\nwrote ${out.pathname}`);
  const missed = figures.filter((f) => f.met === false);
  if (missed.length) console.log(`goals missed: ${missed.map((f) => f.name).join('; ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
