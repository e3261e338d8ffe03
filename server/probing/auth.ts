import { findingForReply } from '../replies';
import { SmtpError } from '../smtp/errors';
import { replyText, type SmtpReply } from '../smtp/reply';
import type { Budget } from '../smtp/budget';
import type { SmtpConnection } from '../smtp/connection';
import type { ProbeRun } from './run';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/**
 * AUTH with the admin's password, only when `credentialsMaySend` (TLS with a trusted certificate for the
 * name, or "Geen encryptie" chosen on purpose). PLAIN when offered, else LOGIN.
 */
export async function authPhase(run: ProbeRun, conn: SmtpConnection, credentialsMaySend: boolean): Promise<void> {
  const { input, server } = run;
  if (input.auth?.method !== 'password') {
    run.push({ step: 'auth', status: 'skipped', ms: 0 });
    return;
  }
  const { username, password } = input.auth;
  const s = Date.now();
  if (!credentialsMaySend) {
    run.push({ step: 'auth', status: 'skipped', ms: 0, code: conn.encrypted ? 'ECERT' : 'ENOTLS', message: 'credentials not sent over an unprotected connection' });
    run.findings.push({ code: 'auth-skipped', severity: 'warning', field: 'auth', variant: conn.encrypted ? 'cert' : 'no-tls' });
    return;
  }
  if (server.authMechanisms.length === 0) {
    const needsTls = server.startTls && !conn.encrypted;
    run.push({ step: 'auth', status: 'fail', ms: 0, code: 'ENOAUTH', message: 'the server does not offer AUTH' });
    run.findings.push({ code: 'auth-not-offered', severity: 'error', field: 'auth', variant: needsTls ? 'needs-tls' : undefined, fix: needsTls ? { encryption: 'tls' } : undefined });
    return;
  }
  const mech = server.authMechanisms.includes('PLAIN') ? 'PLAIN' : server.authMechanisms.includes('LOGIN') ? 'LOGIN' : undefined;
  if (!mech) {
    run.push({ step: 'auth', status: 'fail', ms: 0, code: 'ENOMECH', message: `offered: ${server.authMechanisms.join(' ')}` });
    run.findings.push({ code: 'auth-mechanism-unsupported', severity: 'error', field: 'auth', params: { mechanisms: server.authMechanisms.join(', ').slice(0, 100) } });
    return;
  }
  if (input.encryption === 'none') run.findings.push({ code: 'cleartext-auth', severity: 'error', field: 'encryption', fix: { encryption: 'tls' } });
  try {
    const r = await authenticate(conn, mech, username, password, () => run.budget.phase(run.t.command));
    if (r.code === 235) {
      run.replyStep('auth', r, Date.now() - s, 'ok');
      run.findings.push({ code: 'auth-ok', severity: 'info', params: { mechanism: mech } });
    } else {
      run.replyStep('auth', r, Date.now() - s, 'fail', `SMTP_${r.code}`);
      run.findings.push(findingForReply(r, 'auth', run.clean(replyText(r))));
    }
  } catch (e) {
    run.failStep('auth', e, s, 'auth');
  }
}

/** AUTH PLAIN (one line) or AUTH LOGIN (two 334 challenges). A reply that skips the 334 is a protocol error. */
async function authenticate(conn: SmtpConnection, mech: 'PLAIN' | 'LOGIN', user: string, pass: string, phase: () => ReturnType<Budget['phase']>): Promise<SmtpReply> {
  const unexpected = (r: SmtpReply) => new SmtpError('EPROTOCOL', `AUTH ${mech} answered with ${r.code} instead of 334`);
  if (mech === 'PLAIN') {
    const r = await conn.command(`AUTH PLAIN ${b64(`\0${user}\0${pass}`)}`, phase());
    if (r.code === 334) {
      await conn.command('*', phase()).catch(() => undefined);
      throw unexpected(r);
    }
    return r;
  }
  const r1 = await conn.command('AUTH LOGIN', phase());
  if (r1.code !== 334) {
    if (r1.code >= 400) return r1;
    throw unexpected(r1);
  }
  const r2 = await conn.command(b64(user), phase());
  if (r2.code !== 334) {
    if (r2.code >= 400) return r2;
    throw unexpected(r2);
  }
  return conn.command(b64(pass), phase());
}
