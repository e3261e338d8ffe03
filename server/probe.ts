import type { PeerCertificate } from 'node:tls';
import type { ProbeReport, ProbeStep, PortMode, TlsInfo } from '../lib/api';
import { parseCrmRange } from '../lib/crm-range';
import type { Finding } from '../lib/findings';
import type { Auth, Encryption, Mode } from '../lib/settings';
import type { Config } from './config';
import { scrub } from './log';
import { findingForReply, type Phase } from './replies';
import { Budget, SmtpConnection, SmtpError, replyText, type Limits, type SmtpReply, type TlsDetails } from './smtp-client';

export interface ProbeInput {
  host: string;
  port: number;
  encryption: Encryption;
  auth?: Auth;
  mode?: Mode;
}

/** Where to connect, as decided by the guard. */
export interface ProbeTarget {
  host: string;
  isName: boolean;
  address: string;
  addresses: string[];
  resolveMs: number;
}

export type ProbeOptions = Pick<Config, 'timeouts' | 'limits' | 'extraCa' | 'ehloName' | 'egressIp' | 'crmRange'>;

export interface ProbeHooks {
  /** Called with each step as soon as it is complete (wire order, the same objects as in the report). */
  onStep?: (step: ProbeStep) => void;
  /** Aborted when nobody waits for the answer any more: the probe then ends within the current phase. */
  signal?: AbortSignal;
}

type Result = Omit<ProbeReport, 'findings'> & { findings: Finding[] };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * Runs one SMTP session the way the CRM would with these settings, and explains what happens:
 * connect, greeting, EHLO, TLS (implicit or STARTTLS), AUTH, QUIT. When the chosen encryption does not
 * fit the port, a short second handshake finds out what the port speaks. Credentials are only sent over
 * TLS with a trusted certificate for the name, or in the clear when the admin chose "Geen encryptie".
 */
export async function runProbe(input: ProbeInput, target: ProbeTarget, opts: ProbeOptions, hooks: ProbeHooks = {}): Promise<Result> {
  const started = Date.now();
  const t = opts.timeouts;
  const limits: Limits = opts.limits;
  const budget = new Budget(t.overall);
  // A client that went away: the phase under way ends at its own timeout, every later phase at once.
  if (hooks.signal?.aborted) budget.stop();
  else hooks.signal?.addEventListener('abort', () => budget.stop(), { once: true });
  const secrets = input.auth?.method === 'password' ? [input.auth.password, `\0${input.auth.username}\0${input.auth.password}`] : [];
  const clean = (s: string) => scrub(s, secrets, false).slice(0, 300);
  const steps: ProbeStep[] = [];
  /** Every step goes through here, so a streaming client sees it the moment it is done. */
  const push = (step: ProbeStep) => {
    steps.push(step);
    try {
      hooks.onStep?.(step);
    } catch {
      /* a listener's failure must not change the probe */
    }
  };
  push({ step: 'resolve', status: 'ok', ms: target.resolveMs, message: target.addresses.join(', ') });
  const findings: Finding[] = [];
  const server: Result['server'] = { extensions: [], authMechanisms: [], startTls: false };
  let tlsInfo: TlsInfo | undefined;
  let portMode: PortMode = 'unknown';
  let recommended: Encryption | undefined;
  const servername = target.isName ? target.host : undefined;
  const tlsOpts = { servername, checkName: target.host, ca: opts.extraCa };

  const finish = (): Result => {
    for (const s of ['connect', 'greeting', 'ehlo', 'tls', 'auth'] as const) {
      if (!steps.some((x) => x.step === s)) push({ step: s, status: 'skipped', ms: 0 });
    }
    if (input.auth?.method === 'ip-whitelist') findings.push(whitelistScope(opts));
    return {
      // "ok" means the CRM can use these settings as they are: nothing failed, no error-level problem
      // (an untrusted certificate, a password in clear), and a requested login really succeeded.
      ok:
        !steps.some((s) => s.status === 'fail') &&
        !findings.some((f) => f.severity === 'error') &&
        (input.auth?.method !== 'password' || steps.some((s) => s.step === 'auth' && s.status === 'ok')),
      target: { host: target.host, port: input.port, address: target.address, addresses: target.addresses },
      ms: Date.now() - started,
      steps,
      server,
      tls: tlsInfo,
      detected: { portMode, recommendedEncryption: recommended },
      findings,
    };
  };
  const failStep = (step: ProbeStep['step'], e: unknown, s: number, phase: Phase) => {
    const err = e instanceof SmtpError ? e : new SmtpError('EPROTOCOL', String((e as Error)?.message ?? e));
    push({ step, status: 'fail', ms: Date.now() - s, code: err.code, message: clean(err.message) });
    findings.push(errorFinding(err, phase, input.port));
  };
  const replyStep = (step: ProbeStep['step'], r: SmtpReply, ms: number, status: ProbeStep['status'], code?: string): void => {
    push({ step, status, ms, code, reply: clean(replyText(r)) });
  };

  // connect
  let conn: SmtpConnection;
  let s = Date.now();
  try {
    conn = await SmtpConnection.connect(target.address, input.port, budget.phase(t.connect), limits);
    push({ step: 'connect', status: 'ok', ms: Date.now() - s, message: `${target.address}:${input.port}` });
  } catch (e) {
    failStep('connect', e, s, 'greeting');
    portMode = 'unreachable';
    return finish();
  }

  try {
    // implicit TLS ("Gebruik SSL"): the handshake comes before the greeting
    if (input.encryption === 'ssl') {
      s = Date.now();
      try {
        const d = await conn.upgrade(tlsOpts, budget.phase(t.tls));
        tlsInfo = describeTls(d);
        const certIssues = certFindings(d, target.host);
        findings.push(...certIssues);
        push({ step: 'tls', status: certIssues.length ? 'warn' : 'ok', ms: Date.now() - s, message: `${d.protocol} ${d.cipher}`, code: certIssues.length ? 'ECERT' : undefined });
        portMode = 'implicit-tls';
        recommended = 'ssl';
      } catch (e) {
        failStep('tls', e, s, 'greeting');
        findings.pop();
        conn.close();
        const mode = await detectPlain(target.address, input.port, opts, budget);
        if (mode === 'starttls') {
          portMode = 'starttls';
          recommended = 'tls';
          findings.push({ code: 'port-expects-starttls', severity: 'error', field: 'encryption', params: { port: input.port }, fix: { encryption: 'tls' } });
        } else if (mode === 'plain') {
          portMode = 'plain';
          recommended = 'none';
          findings.push({ code: 'port-plain-only', severity: 'error', field: 'encryption', params: { port: input.port } });
        } else {
          findings.push({ code: 'tls-handshake-failed', severity: 'error', field: 'encryption', params: { detail: e instanceof SmtpError ? (e.detail ?? e.code) : 'unknown' } });
        }
        return finish();
      }
    }

    // greeting; a silent port may be waiting for a TLS ClientHello
    s = Date.now();
    let greeting: SmtpReply;
    try {
      const g = conn.readReply(budget.phase(t.greeting)).then(
        (r) => ({ r }),
        (e: unknown) => ({ e }),
      );
      let outcome = await Promise.race([g, sleep(Math.min(t.silence, t.greeting)).then(() => 'silence' as const)]);
      if (outcome === 'silence' && conn.received === 0 && input.encryption !== 'ssl') {
        type Settled = Awaited<typeof g>;
        const side = detectImplicitTls(target.address, input.port, tlsOpts, opts, budget).then((yes): Promise<Settled | 'implicit'> | 'implicit' => (yes ? 'implicit' : g));
        const first: Settled | 'implicit' = await Promise.race([g, side]);
        if (first === 'implicit') {
          conn.close();
          push({ step: 'greeting', status: 'fail', ms: Date.now() - s, code: 'EIMPLICITTLS', message: 'no greeting: this port expects TLS from the first byte' });
          portMode = 'implicit-tls';
          recommended = 'ssl';
          findings.push({ code: 'port-expects-ssl', severity: 'error', field: 'encryption', params: { port: input.port }, fix: { encryption: 'ssl' } });
          return finish();
        }
        outcome = first;
      }
      const settled = outcome === 'silence' ? await g : outcome;
      if ('e' in settled) throw settled.e;
      greeting = settled.r;
    } catch (e) {
      failStep('greeting', e, s, 'greeting');
      return finish();
    }
    server.banner = clean(greeting.text);
    if (greeting.code !== 220) {
      replyStep('greeting', greeting, Date.now() - s, 'fail', `SMTP_${greeting.code}`);
      findings.push(findingForReply(greeting, 'greeting', clean(replyText(greeting))));
      return finish();
    }
    replyStep('greeting', greeting, Date.now() - s, 'ok');

    // EHLO
    const ehlo = async (): Promise<boolean> => {
      const s0 = Date.now();
      const r = await conn.command(`EHLO ${opts.ehloName}`, budget.phase(t.command));
      if (r.code !== 250) {
        replyStep('ehlo', r, Date.now() - s0, 'fail', `SMTP_${r.code}`);
        findings.push(findingForReply(r, 'ehlo', clean(replyText(r))));
        return false;
      }
      const ext = r.lines.slice(1).map((l) => l.trim()).filter(Boolean);
      server.extensions = ext.map((l) => l.slice(0, 120));
      server.authMechanisms = [...new Set(ext.filter((l) => /^AUTH[ =]/i.test(l)).flatMap((l) => l.slice(5).trim().toUpperCase().split(/\s+/)).filter(Boolean))];
      if (!conn.encrypted) server.startTls = ext.some((l) => /^STARTTLS\b/i.test(l));
      push({ step: 'ehlo', status: 'ok', ms: Date.now() - s0, message: ext.map((l) => l.split(' ')[0]).join(' ').slice(0, 300) });
      return true;
    };
    s = Date.now();
    try {
      if (!(await ehlo())) return finish();
    } catch (e) {
      failStep('ehlo', e, s, 'ehlo');
      return finish();
    }

    // STARTTLS ("Gebruik TLS", "Gebruik TLS indien beschikbaar")
    if (input.encryption !== 'ssl') {
      portMode = server.startTls ? 'starttls' : 'plain';
      recommended = server.startTls ? 'tls' : 'none';
    }
    let credentialsMaySend = input.encryption === 'none' || conn.encrypted;
    if (input.encryption === 'tls' || input.encryption === 'tls-if-available') {
      if (!server.startTls) {
        const strict = input.encryption === 'tls';
        push({ step: 'tls', status: strict ? 'fail' : 'warn', ms: 0, code: 'ENOSTARTTLS', message: 'STARTTLS not offered' });
        findings.push({ code: 'starttls-not-offered', severity: strict ? 'error' : 'warning', field: 'encryption', variant: strict ? undefined : 'downgradable', params: { port: input.port } });
        credentialsMaySend = false;
      } else {
        s = Date.now();
        try {
          const r = await conn.command('STARTTLS', budget.phase(t.command));
          if (r.code !== 220) {
            replyStep('tls', r, Date.now() - s, 'fail', `SMTP_${r.code}`);
            findings.push({ code: 'starttls-failed', severity: 'error', field: 'encryption', params: { reply: clean(replyText(r)) } });
            return finish();
          }
          const d = await conn.upgrade(tlsOpts, budget.phase(t.tls));
          tlsInfo = describeTls(d);
          const certIssues = certFindings(d, target.host);
          findings.push(...certIssues);
          push({ step: 'tls', status: certIssues.length ? 'warn' : 'ok', ms: Date.now() - s, message: `${d.protocol} ${d.cipher}`, code: certIssues.length ? 'ECERT' : undefined });
          credentialsMaySend = certIssues.length === 0;
        } catch (e) {
          failStep('tls', e, s, 'starttls');
          findings.pop();
          findings.push({ code: 'starttls-failed', severity: 'error', field: 'encryption', params: { reply: e instanceof SmtpError ? e.code : 'error' } });
          return finish();
        }
        s = Date.now();
        try {
          if (!(await ehlo())) return finish();
        } catch (e) {
          failStep('ehlo', e, s, 'ehlo');
          return finish();
        }
      }
    } else if (input.encryption === 'none') {
      push({ step: 'tls', status: 'skipped', ms: 0 });
      if (server.startTls) findings.push({ code: 'starttls-available', severity: 'warning', field: 'encryption', fix: { encryption: 'tls' } });
    } else if (tlsInfo && !tlsInfo.trusted) {
      credentialsMaySend = false;
    }
    if (tlsInfo && (!tlsInfo.trusted || !tlsInfo.hostnameMatches)) credentialsMaySend = false;

    // AUTH
    if (input.auth?.method === 'password') {
      const { username, password } = input.auth;
      s = Date.now();
      if (!credentialsMaySend) {
        push({ step: 'auth', status: 'skipped', ms: 0, code: conn.encrypted ? 'ECERT' : 'ENOTLS', message: 'credentials not sent over an unprotected connection' });
        findings.push({ code: 'auth-skipped', severity: 'warning', field: 'auth', variant: conn.encrypted ? 'cert' : 'no-tls' });
      } else if (server.authMechanisms.length === 0) {
        push({ step: 'auth', status: 'fail', ms: 0, code: 'ENOAUTH', message: 'the server does not offer AUTH' });
        findings.push({ code: 'auth-not-offered', severity: 'error', field: 'auth', variant: server.startTls && !conn.encrypted ? 'needs-tls' : undefined, fix: server.startTls && !conn.encrypted ? { encryption: 'tls' } : undefined });
      } else {
        const mech = server.authMechanisms.includes('PLAIN') ? 'PLAIN' : server.authMechanisms.includes('LOGIN') ? 'LOGIN' : undefined;
        if (!mech) {
          push({ step: 'auth', status: 'fail', ms: 0, code: 'ENOMECH', message: `offered: ${server.authMechanisms.join(' ')}` });
          findings.push({ code: 'auth-mechanism-unsupported', severity: 'error', field: 'auth', params: { mechanisms: server.authMechanisms.join(', ').slice(0, 100) } });
        } else {
          if (input.encryption === 'none') findings.push({ code: 'cleartext-auth', severity: 'error', field: 'encryption', fix: { encryption: 'tls' } });
          try {
            const r = await authenticate(conn, mech, username, password, () => budget.phase(t.command));
            if (r.code === 235) {
              replyStep('auth', r, Date.now() - s, 'ok');
              findings.push({ code: 'auth-ok', severity: 'info', params: { mechanism: mech } });
            } else {
              replyStep('auth', r, Date.now() - s, 'fail', `SMTP_${r.code}`);
              findings.push(findingForReply(r, 'auth', clean(replyText(r))));
            }
          } catch (e) {
            failStep('auth', e, s, 'auth');
          }
        }
      }
    } else {
      push({ step: 'auth', status: 'skipped', ms: 0 });
    }

    s = Date.now();
    await conn.quit(Math.min(300, Math.max(0, budget.deadline - Date.now())));
    push({ step: 'quit', status: 'ok', ms: Date.now() - s });
    return finish();
  } finally {
    conn.close();
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

/** A second, short connection: does this port complete a TLS handshake right away (implicit TLS)? */
async function detectImplicitTls(address: string, port: number, tlsOpts: { servername?: string; checkName: string; ca?: string[] }, opts: ProbeOptions, budget: Budget): Promise<boolean> {
  let c: SmtpConnection | undefined;
  try {
    c = await SmtpConnection.connect(address, port, budget.phase(Math.min(opts.timeouts.connect, 1500)), opts.limits);
    await c.upgrade(tlsOpts, budget.phase(Math.min(opts.timeouts.tls, 1500)));
    return true;
  } catch {
    return false;
  } finally {
    c?.close();
  }
}

/** A second, short connection in the clear: does this port greet, and does it offer STARTTLS? */
async function detectPlain(address: string, port: number, opts: ProbeOptions, budget: Budget): Promise<'starttls' | 'plain' | undefined> {
  let c: SmtpConnection | undefined;
  try {
    c = await SmtpConnection.connect(address, port, budget.phase(Math.min(opts.timeouts.connect, 1500)), opts.limits);
    const g = await c.readReply(budget.phase(Math.min(opts.timeouts.greeting, 2000)));
    if (g.code !== 220) return undefined;
    const r = await c.command(`EHLO ${opts.ehloName}`, budget.phase(Math.min(opts.timeouts.command, 2000)));
    if (r.code !== 250) return 'plain';
    await c.quit(200);
    return r.lines.some((l) => /^STARTTLS\b/i.test(l.trim())) ? 'starttls' : 'plain';
  } catch {
    return undefined;
  } finally {
    c?.close();
  }
}

function errorFinding(e: SmtpError, phase: Phase, port: number): Finding {
  switch (e.code) {
    case 'ECONNREFUSED':
      return { code: 'connection-refused', severity: 'error', field: 'port', params: { port } };
    case 'EUNREACH':
      return { code: 'connection-refused', severity: 'error', field: 'host', variant: 'unreachable', params: { port } };
    case 'ETIMEDOUT':
      if (phase === 'greeting' && /TCP/.test(e.message)) return { code: 'connection-timeout', severity: 'error', field: 'port', variant: port === 25 ? 'port-25' : undefined, params: { port } };
      if (phase === 'greeting') return { code: 'greeting-timeout', severity: 'error', params: { port } };
      return { code: 'server-reply-invalid', severity: 'error', variant: 'timeout', params: { phase } };
    case 'EDEADLINE':
      return { code: 'probe-deadline', severity: 'error', params: { phase } };
    case 'ECLOSED':
      return { code: 'connection-closed', severity: 'error', params: { phase } };
    case 'ETOOBIG':
      return { code: 'server-reply-invalid', severity: 'error', variant: 'too-big', params: { phase } };
    case 'ETLS':
      return { code: 'tls-handshake-failed', severity: 'error', field: 'encryption', params: { detail: e.detail ?? 'unknown' } };
    default:
      return phase === 'auth' && /AUTH/.test(e.message)
        ? { code: 'auth-protocol', severity: 'error', field: 'auth' }
        : { code: 'server-reply-invalid', severity: 'error', params: { phase } };
  }
}

const dn = (o: Record<string, string | string[]> | undefined) =>
  o ? Object.entries(o).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`).join(', ') : '';
const iso = (s: string | undefined) => {
  const d = s ? new Date(s) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
};

function describeTls(d: TlsDetails): TlsInfo {
  const c: Partial<PeerCertificate> = d.cert ?? {};
  return {
    protocol: d.protocol,
    cipher: d.cipher,
    trusted: d.authorized,
    trustError: d.authorizationError,
    hostnameMatches: d.hostnameMatches,
    certificate: {
      subject: dn(c.subject as never),
      issuer: dn(c.issuer as never),
      validFrom: iso(c.valid_from),
      validTo: iso(c.valid_to),
      altNames: (c.subjectaltname ?? '').split(', ').map((n) => n.replace(/^(DNS|IP Address):/, '')).filter(Boolean).slice(0, 50),
    },
  };
}

function certFindings(d: TlsDetails, host: string): Finding[] {
  const out: Finding[] = [];
  const now = Date.now();
  const to = d.cert?.valid_to ? new Date(d.cert.valid_to).getTime() : NaN;
  const from = d.cert?.valid_from ? new Date(d.cert.valid_from).getTime() : NaN;
  const err = d.authorizationError;
  if (err === 'CERT_HAS_EXPIRED' || to < now) out.push({ code: 'cert-expired', severity: 'error', params: { validTo: iso(d.cert?.valid_to).slice(0, 10) } });
  else if (err === 'CERT_NOT_YET_VALID' || from > now) out.push({ code: 'cert-not-yet-valid', severity: 'error', params: { validFrom: iso(d.cert?.valid_from).slice(0, 10) } });
  if (err === 'DEPTH_ZERO_SELF_SIGNED_CERT' || err === 'SELF_SIGNED_CERT_IN_CHAIN') out.push({ code: 'cert-self-signed', severity: 'error' });
  else if (!d.authorized && err !== 'CERT_HAS_EXPIRED' && err !== 'CERT_NOT_YET_VALID') out.push({ code: 'cert-untrusted', severity: 'error', params: { reason: err ?? 'unknown' } });
  if (!d.hostnameMatches) {
    const names = (d.cert?.subjectaltname ?? '').replace(/(DNS|IP Address):/g, '').slice(0, 200) || String(d.cert?.subject?.CN ?? '');
    out.push({ code: 'cert-name-mismatch', severity: 'error', field: 'host', params: { host, names } });
  }
  return out;
}

/** In ip-whitelist mode a probe from here proves reachability and TLS, not that the CRM's range is allowed. */
function whitelistScope(opts: ProbeOptions): Finding {
  const range = parseCrmRange(opts.crmRange);
  const canonical = range.ok ? range.range.canonical : opts.crmRange;
  if (!opts.egressIp) return { code: 'whitelist-scope', severity: 'info', field: 'auth', variant: 'unknown', params: { range: canonical } };
  const inside = range.ok && range.range.contains(opts.egressIp);
  return { code: 'whitelist-scope', severity: 'info', field: 'auth', variant: inside ? 'inside' : 'outside', params: { egressIp: opts.egressIp, range: canonical } };
}
