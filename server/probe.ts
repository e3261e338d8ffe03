import { authPhase } from './probing/auth';
import { ehloPhase } from './probing/ehlo';
import { connectPhase, greetingPhase } from './probing/greeting';
import { ProbeRun } from './probing/run';
import { implicitTlsPhase, startTlsPhase } from './probing/tls';
import type { ProbeHooks, ProbeInput, ProbeOptions, ProbeResult, ProbeTarget } from './probing/types';

export type { ProbeHooks, ProbeInput, ProbeOptions, ProbeTarget } from './probing/types';

/**
 * Runs one SMTP session the way the CRM would with these settings, and explains what happens:
 * connect, greeting, EHLO, TLS (implicit or STARTTLS), AUTH, QUIT. When the chosen encryption does not
 * fit the port, a short second connection finds out what the port speaks (probing/diagnose.ts). Credentials
 * are only sent over TLS with a trusted certificate for the name, or in the clear when the admin chose
 * "Geen encryptie".
 *
 * The phases live in probing/: greeting.ts (connect, greeting), ehlo.ts, tls.ts (implicit TLS, STARTTLS),
 * auth.ts; the findings they build in findings.ts; the run's state and the report in run.ts.
 */
export async function runProbe(input: ProbeInput, target: ProbeTarget, opts: ProbeOptions, hooks: ProbeHooks = {}): Promise<ProbeResult> {
  const run = new ProbeRun(input, target, opts, hooks);
  run.push({ step: 'resolve', status: 'ok', ms: target.resolveMs, message: target.addresses.join(', ') });

  const conn = await connectPhase(run);
  if (!conn) return run.finish();
  let quitting = false;
  try {
    if (input.encryption === 'ssl' && !(await implicitTlsPhase(run, conn))) return run.finish();
    if (!(await greetingPhase(run, conn))) return run.finish();
    if (!(await ehloPhase(run, conn))) return run.finish();

    const { server } = run;
    if (input.encryption !== 'ssl') run.detected(server.startTls ? 'starttls' : 'plain', server.startTls ? 'tls' : 'none');
    let credentialsMaySend = input.encryption === 'none' || conn.encrypted;
    if (input.encryption === 'tls' || input.encryption === 'tls-if-available') {
      if (!server.startTls) {
        const strict = input.encryption === 'tls';
        run.push({ step: 'tls', status: strict ? 'fail' : 'warn', ms: 0, code: 'ENOSTARTTLS', message: 'STARTTLS not offered' });
        run.findings.push({ code: 'starttls-not-offered', severity: strict ? 'error' : 'warning', field: 'encryption', variant: strict ? undefined : 'downgradable', params: { port: input.port } });
        credentialsMaySend = false;
      } else {
        const tls = await startTlsPhase(run, conn);
        if (!tls.up) return run.finish();
        credentialsMaySend = tls.certOk;
        if (!(await ehloPhase(run, conn))) return run.finish();
      }
    } else if (input.encryption === 'none') {
      run.push({ step: 'tls', status: 'skipped', ms: 0 });
      if (server.startTls) run.findings.push({ code: 'starttls-available', severity: 'warning', field: 'encryption', fix: { encryption: 'tls' } });
    }
    const tlsInfo = run.tlsInfo;
    if (tlsInfo && (!tlsInfo.trusted || !tlsInfo.hostnameMatches)) credentialsMaySend = false;

    await authPhase(run, conn, credentialsMaySend);

    // The verdict is complete: QUIT goes out now and its "221" is read (at most 300 ms) while the report is
    // already on its way. Nothing in that answer changes the verdict; waiting for it would cost the admin one
    // more round trip to the server on every test.
    void conn.quit(Math.min(300, Math.max(0, run.budget.deadline - Date.now())));
    quitting = true;
    run.push({ step: 'quit', status: 'ok', ms: 0 });
    return run.finish();
  } finally {
    if (!quitting) conn.close();
  }
}
