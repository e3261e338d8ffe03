import { SmtpError } from '../smtp/errors';
import { replyText } from '../smtp/reply';
import type { SmtpConnection } from '../smtp/connection';
import type { TlsDetails } from '../smtp/tls-handshake';
import { SIDE_AFTER_MS, sidePlain, type Side } from './diagnose';
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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * A handshake the server broke off over the protocol version (its protocol_version alert), or a server that
 * chose a version below TLS 1.2: it speaks TLS, only an outdated one (RFC 8996). Not "wrong version number",
 * which is what a port in plain SMTP answers a ClientHello with.
 */
const OUTDATED_TLS = new Set(['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'ERR_SSL_UNSUPPORTED_PROTOCOL']);
const outdatedTls = (e: unknown) => e instanceof SmtpError && e.code === 'ETLS' && OUTDATED_TLS.has(e.detail ?? '');
const outdatedFinding = (e: SmtpError) => ({ code: 'tls-version-outdated' as const, severity: 'error' as const, params: { detail: e.detail ?? '' } });

/**
 * Implicit TLS ("Gebruik SSL"): the handshake comes before the greeting. A plain-SMTP port answers our
 * ClientHello with its greeting, which ends the handshake at once; a port that greets late keeps it
 * waiting. So when the handshake has not completed after SIDE_AFTER_MS, a side connection in the clear
 * asks for the greeting and EHLO meanwhile, and the first conclusive answer decides: a completed handshake
 * (implicit TLS), or a greeting with its EHLO (STARTTLS or plain). True when TLS is up.
 */
export async function implicitTlsPhase(run: ProbeRun, conn: SmtpConnection): Promise<boolean> {
  const { input } = run;
  const s = Date.now();
  type Hs = { d: TlsDetails } | { e: unknown };
  const hs: Promise<Hs> = conn.upgrade(run.tlsTarget, run.budget.phase(run.t.tls)).then(
    (d) => ({ d }),
    (e: unknown) => ({ e }),
  );
  let side: Side<'starttls' | 'plain' | undefined> | undefined;
  let first: Hs | 'slow' | { mode: 'starttls' | 'plain' } = await Promise.race([hs, sleep(Math.min(SIDE_AFTER_MS, run.t.tls)).then(() => 'slow' as const)]);
  if (first === 'slow') {
    side = sidePlain(run);
    first = await Promise.race([hs, side.result.then<Hs | { mode: 'starttls' | 'plain' }>((mode) => (mode ? { mode } : hs))]);
  }
  if ('d' in first) {
    side?.cancel();
    recordHandshake(run, first.d, s);
    run.detected('implicit-tls', 'ssl');
    return true;
  }
  let mode: 'starttls' | 'plain' | undefined;
  if ('mode' in first) {
    // The side connection got a greeting while our handshake still waits: the port speaks SMTP in the clear.
    run.push({ step: 'tls', status: 'fail', ms: Date.now() - s, code: 'ETLS', message: 'no TLS handshake: this port greets in plain SMTP' });
    mode = first.mode;
  } else if (outdatedTls(first.e)) {
    // The server answered in TLS, so this is an implicit-TLS port: no need to ask it for a greeting in the clear.
    side?.cancel();
    run.failStep('tls', first.e, s, 'greeting');
    run.findings.pop();
    run.findings.push(outdatedFinding(first.e as SmtpError));
    run.detected('implicit-tls', 'ssl');
    conn.close();
    return false;
  } else {
    run.failStep('tls', first.e, s, 'greeting');
    run.findings.pop();
    mode = await (side ?? sidePlain(run)).result;
  }
  conn.close();
  if (mode === 'starttls') {
    run.detected('starttls', 'tls');
    run.findings.push({ code: 'port-expects-starttls', severity: 'error', field: 'encryption', params: { port: input.port }, fix: { encryption: 'tls' } });
  } else if (mode === 'plain') {
    run.detected('plain', 'none');
    run.findings.push({ code: 'port-plain-only', severity: 'error', field: 'encryption', params: { port: input.port } });
  } else {
    const e = 'e' in first ? first.e : undefined;
    run.findings.push({ code: 'tls-handshake-failed', severity: 'error', field: 'encryption', params: { detail: e instanceof SmtpError ? (e.detail ?? e.code) : 'unknown' } });
  }
  return false;
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
    if (outdatedTls(e)) run.findings.push(outdatedFinding(e as SmtpError));
    else run.findings.push({ code: 'starttls-failed', severity: 'error', field: 'encryption', params: { reply: e instanceof SmtpError ? e.code : 'error' } });
    return { up: false };
  }
}
