// `npm run bench`: probe latency against an in-process smtp-server, and the time the wrong-encryption
// diagnosis takes. Everything runs on 127.0.0.1 (PROBE_ALLOWED_CIDRS=127.0.0.0/8 for this app only).
import { createApp } from '../server/app';
import { makeConfig } from '../server/config';
import { makeCert, startSmtp } from '../server/testing/smtp';
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { checkSettings } from '../lib/rules';
import { detectScreens, readForm } from '../dom/crm-form-locator';

const N = Number(process.env.BENCH_RUNS ?? 50);
const DIAG_RUNS = Number(process.env.BENCH_DIAG_RUNS ?? 5);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms · p95 ${pct(xs, 95).toFixed(1)} ms · max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

async function main() {
  const cert = await makeCert(['smtp.bench.test', '127.0.0.1']);
  const users = { 'bench@bench.test': 'bench-password' };
  const [starttls, implicit] = await Promise.all([startSmtp({ cert, users }), startSmtp({ cert, users, secure: true })]);
  const app = createApp(
    makeConfig({
      allowedCidrs: ['127.0.0.0/8'],
      extraPorts: [starttls.port, implicit.port],
      extraCa: [cert.cert],
      rates: { probePerClient: [1e6, 60], probePerTarget: [1e6, 60] },
      limits: { concurrentProbes: 64 },
    }),
    { logLevel: 'silent' },
  );
  const greetings: number[] = [];
  const auth = { method: 'password', username: 'bench@bench.test', password: 'bench-password' };
  const probe = async (port: number, encryption: string) => {
    const t0 = performance.now();
    const res = await app.request('/v1/probe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ host: '127.0.0.1', port, encryption, auth }) });
    const report = (await res.json()) as { ok: boolean; detected: { portMode: string }; steps: Array<{ step: string; ms: number }> };
    greetings.push(report.steps.find((x) => x.step === 'greeting')?.ms ?? 0);
    return { ms: performance.now() - t0, report };
  };

  await probe(starttls.port, 'tls'); // warm-up (TLS context, JIT)
  const series = async (port: number, enc: string, n: number, expectOk: boolean) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const { ms, report } = await probe(port, enc);
      if (report.ok !== expectOk) throw new Error(`unexpected result for ${enc} on ${port}: ${JSON.stringify(report).slice(0, 200)}`);
      xs.push(ms);
    }
    return xs;
  };

  console.log(`Mailserver Assistent backend benchmark (Node ${process.version})`);
  console.log(`  probe STARTTLS + AUTH ("Gebruik TLS", 587-style):     ${fmt(await series(starttls.port, 'tls', N, true))}`);
  console.log(`  probe implicit TLS + AUTH ("Gebruik SSL", 465-style): ${fmt(await series(implicit.port, 'ssl', N, true))}`);
  console.log(`    (of which the server's greeting: p50 ${pct(greetings, 50)} ms — smtp-server waits 100 ms before greeting, to catch early talkers)`);
  const par = 10;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: par }, () => probe(starttls.port, 'tls')));
  console.log(`  ${par} concurrent STARTTLS probes, wall time:          ${(performance.now() - t0).toFixed(1)} ms`);
  console.log(`  diagnosis "Gebruik TLS" on an implicit-TLS port:      ${fmt(await series(implicit.port, 'tls', DIAG_RUNS, false))}`);
  console.log(`  diagnosis "Gebruik SSL" on a STARTTLS port:           ${fmt(await series(starttls.port, 'ssl', DIAG_RUNS, false))}`);

  await Promise.all([starttls.close(), implicit.close(), app.close()]);
  benchExtensionSide();
}

/** What runs on every keystroke in the CRM page: locating the form, reading it, and the rules (the background's part). */
function benchExtensionSide() {
  const time = (n: number, fn: () => void) => {
    for (let i = 0; i < Math.min(50, n); i++) fn(); // warm-up
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      fn();
      xs.push(performance.now() - t);
    }
    return xs;
  };
  const drafts = [
    { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'a@b.nl', password: 'x', mode: 'mailbox' },
    { host: 'smtp.gmail.com', port: '465', encryption: 'tls', authMethod: 'password', username: 'a', password: 'abcd efgh ijkl mnop' },
    { host: 'http://x', port: '70000', encryption: 'nope', authMethod: 'ip-whitelist', mode: 'mailbox' },
  ];
  let k = 0;
  const rules = time(3000, () => checkSettings(drafts[k++ % drafts.length]!)).map((ms) => ms * 1000);
  console.log(`  checkSettings on a draft:                            p50 ${pct(rules, 50).toFixed(1)} µs · p95 ${pct(rules, 95).toFixed(1)} µs (n=${rules.length})`);
  for (const fixture of ['smtp-a', 'smtp-b', 'smtp-c']) {
    let html: string;
    try {
      html = readFileSync(`test/fixtures/crm/${fixture}.html`, 'utf8');
    } catch {
      continue;
    }
    const window = new Window({ url: 'http://127.0.0.1/' });
    window.document.write(html);
    const doc = window.document as unknown as Document;
    console.log(`  locate + read the CRM form (${fixture}, happy-dom):     ${fmt(time(200, () => readForm(doc, detectScreens(doc).smtp)))}`);
    void window.happyDOM.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
