import { SmtpError, replyText, type SmtpConnection, type TlsDetails } from '../smtp-client';
import { detectPlain } from './diagnose';
import { certFindings, describeTls } from './findings';
import type { ProbeRun } from './run';

/** Records a completed handshake: the TLS step (warn on a certificate problem) and the certificate findings. True when the certificate is fine. */
function recordHandshake(run: ProbeRun, d: TlsDetails, since: number): boolean {
  run.tlsInfo = describeTls(d);
  const certIssues = certFindings(d, run.target.host);
  run.findings.push(...certIssues);
  run.push({ step: 'tls', status: certIssues.length ? 'warn' : 'ok', ms: Date.now() - since, message: `${d.protocol} ${d.cipher}`, code: certIssues.length ? 'ECERT' : undefined });
  return certIssues.length === 0;
}

/**
 * Implicit TLS ("Gebruik SSL"): the handshake comes before the greeting. When it fails, a short side
 * connection in the clear tells whether the port wants STARTTLS or speaks plain SMTP. True when TLS is up.
 */
export async function implicitTlsPhase(run: ProbeRun, conn: SmtpConnection): Promise<boolean> {
  const { input } = run;
  const s = Date.now();
  try {
    const d = await conn.upgrade(run.tlsTarget, run.budget.phase(run.t.tls));
    recordHandshake(run, d, s);
    run.detected('implicit-tls', 'ssl');
    return true;
  } catch (e) {
    run.failStep('tls', e, s, 'greeting');
    run.findings.pop();
    conn.close();
    const mode = await detectPlain(run.target.address, input.port, run.opts, run.budget);
    if (mode === 'starttls') {
      run.detected('starttls', 'tls');
      run.findings.push({ code: 'port-expects-starttls', severity: 'error', field: 'encryption', params: { port: input.port }, fix: { encryption: 'tls' } });
    } else if (mode === 'plain') {
      run.detected('plain', 'none');
      run.findings.push({ code: 'port-plain-only', severity: 'error', field: 'encryption', params: { port: input.port } });
    } else {
      run.findings.push({ code: 'tls-handshake-failed', severity: 'error', field: 'encryption', params: { detail: e instanceof SmtpError ? (e.detail ?? e.code) : 'unknown' } });
    }
    return false;
  }
}

/**
 * STARTTLS ("Gebruik TLS", "Gebruik TLS indien beschikbaar"): the command, then the handshake.
 * 'up' with whether the certificate is fine, or 'stopped' (the step and findings are recorded).
 */
export async function startTlsPhase(run: ProbeRun, conn: SmtpConnection): Promise<{ up: true; certOk: boolean } | { up: false }> {
  const s = Date.now();
  try {
    const r = await conn.command('STARTTLS', run.budget.phase(run.t.command));
    if (r.code !== 220) {
      run.replyStep('tls', r, Date.now() - s, 'fail', `SMTP_${r.code}`);
      run.findings.push({ code: 'starttls-failed', severity: 'error', field: 'encryption', params: { reply: run.clean(replyText(r)) } });
      return { up: false };
    }
    const d = await conn.upgrade(run.tlsTarget, run.budget.phase(run.t.tls));
    return { up: true, certOk: recordHandshake(run, d, s) };
  } catch (e) {
    run.failStep('tls', e, s, 'starttls');
    run.findings.pop();
    run.findings.push({ code: 'starttls-failed', severity: 'error', field: 'encryption', params: { reply: e instanceof SmtpError ? e.code : 'error' } });
    return { up: false };
  }
}
