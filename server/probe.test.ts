import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeReport } from '../lib/api';
import { findingText } from '../lib/i18n';
import { probeOutcome } from '../lib/probe-outcome';
import { testApp, secretForms, type TestApp } from './testing/app';
import { startDns } from './testing/dns';
import { acceptSignal, closedPort, makeCert, startLateGreeter, startRaw, startSmtp, type TestCert, type TestSmtp } from './testing/smtp';

const USER = 'crm@test.nl';
const PASS = 'Geheim-Wachtwoord-1!';
const WRONG = 'Fout-Wachtwoord-2?';
const users = { [USER]: PASS };
const sink = { logs: [] as string[], bodies: [] as string[] };

let cert: TestCert;
const s: Record<string, TestSmtp> = {};
const raw: Record<string, { port: number; close(): Promise<void> }> = {};
const lateServers: Record<string, { port: number; close(): Promise<void> }> = {};
let refused: number;
const muteQuit = { seen: 0, closed: 0 };
let dns: Awaited<ReturnType<typeof startDns>>;
let t: TestApp;

const timeouts = { connect: 1000, greeting: 1500, tls: 1000, command: 1000, overall: 5000 };
/** Timer and event-loop slack on a busy 2-core machine: a bound on top of a configured deadline, not a speed claim. */
const GRACE = 1000;

beforeAll(async () => {
  cert = await makeCert(['smtp.test.nl', '127.0.0.1']);
  const otherName = await makeCert(['other.test.nl']);
  const elsewhere = await makeCert(['*.hoster.test.nl', 'elders.test.nl']);
  const expired = await makeCert(['smtp.test.nl', '127.0.0.1'], { from: new Date(Date.now() - 3 * 86_400_000), to: new Date(Date.now() - 86_400_000) });
  const untrusted = await makeCert(['smtp.test.nl', '127.0.0.1']);
  const [implicit, starttls, plain, m365, basic, gmail, needTls, selfSigned, mismatch, old, cramOnly, oldTlsImplicit, oldTlsStarttls, mismatchElsewhere] = await Promise.all([
    startSmtp({ secure: true, cert, users }),
    startSmtp({ cert, users }),
    startSmtp({ starttls: false, cert, users }),
    startSmtp({ cert, authError: { code: 535, message: '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.' } }),
    startSmtp({ cert, authError: { code: 550, message: '5.7.30 Basic authentication is not supported for Client Submission.' } }),
    startSmtp({ secure: true, cert, authError: { code: 534, message: '5.7.9 Application-specific password required. Learn more at https://support.google.com/mail/?p=InvalidSecondFactor' } }),
    startSmtp({ starttls: false, cert, authError: { code: 530, message: '5.7.0 Must issue a STARTTLS command first' } }),
    startSmtp({ cert: untrusted, users }),
    startSmtp({ cert: otherName, users }),
    startSmtp({ cert: expired, users }),
    startSmtp({ cert, users, authMethods: ['CRAM-MD5'] }),
    startSmtp({ secure: true, cert, users, maxTlsVersion: 'TLSv1.1' }),
    startSmtp({ cert, users, maxTlsVersion: 'TLSv1' }),
    startSmtp({ cert: elsewhere, users }),
  ]);
  Object.assign(s, { implicit, starttls, plain, m365, basic, gmail, needTls, selfSigned, mismatch, old, cramOnly, oldTlsImplicit, oldTlsStarttls, mismatchElsewhere });
  const [late500, late3000] = await Promise.all([startLateGreeter(starttls.port, 500), startLateGreeter(starttls.port, 3000)]);
  Object.assign(lateServers, { late500, late3000 });

  const greet = (sock: import('node:net').Socket, after: (line: string) => void) => {
    sock.write('220 raw.test.nl ESMTP\r\n');
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        after(line);
      }
    });
  };
  const [silent, trickle, huge, endless, midReply, busy, no334, tls454, longLine, noAuth] = await Promise.all([
    startRaw(() => {}),
    startRaw((sock) => {
      sock.write('220 ');
      const iv = setInterval(() => sock.writable && sock.write('x'), 200);
      sock.on('close', () => clearInterval(iv));
    }),
    startRaw((sock) => {
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const push = () => {
        while (sent < 10 && sock.writable && sock.write(chunk)) sent++;
        if (sent < 10 && sock.writable) sock.once('drain', () => (sent++, push()));
      };
      sock.write('220 ');
      push();
    }),
    startRaw((sock) =>
      greet(sock, (line) => {
        if (/^EHLO/i.test(line)) {
          const iv = setInterval(() => sock.writable && sock.write('250-FILLER\r\n'.repeat(50)), 5);
          sock.on('close', () => clearInterval(iv));
        }
      }),
    ),
    startRaw((sock) => greet(sock, (line) => /^EHLO/i.test(line) && (sock.write('250-raw.test.nl\r\n250-PIPELI'), sock.destroy()))),
    startRaw((sock) => greet(sock, (line) => /^EHLO/i.test(line) && sock.end('421 4.3.2 Service shutting down\r\n'))),
    startRaw((sock) =>
      greet(sock, (line) => {
        if (/^EHLO/i.test(line)) sock.write('250-raw.test.nl\r\n250 AUTH LOGIN\r\n');
        else if (/^AUTH/i.test(line)) sock.write('250 whatever\r\n');
        else if (/^QUIT/i.test(line)) sock.end('221 bye\r\n');
      }),
    ),
    startRaw((sock) =>
      greet(sock, (line) => {
        if (/^EHLO/i.test(line)) sock.write('250-raw.test.nl\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n');
        else if (/^STARTTLS/i.test(line)) sock.write('454 4.7.0 TLS not available due to local problem\r\n');
        else if (/^AUTH/i.test(line)) sock.write('235 ok\r\n');
        else if (/^QUIT/i.test(line)) sock.end('221 bye\r\n');
      }),
    ),
    // One greeting line over the 4096-byte line cap that ends (CRLF) in the same write: must fail, not vanish.
    startRaw((sock) => sock.write(`220 ${'x'.repeat(5000)}\r\n`)),
    // EHLO without AUTH (it would come after STARTTLS, like Postfix with smtpd_tls_auth_only).
    startRaw((sock) =>
      greet(sock, (line) => {
        if (/^EHLO/i.test(line)) sock.write('250-raw.test.nl\r\n250 STARTTLS\r\n');
        else if (/^QUIT/i.test(line)) sock.end('221 bye\r\n');
      }),
    ),
  ]);
  Object.assign(raw, { silent, trickle, huge, endless, midReply, busy, no334, tls454, longLine, noAuth });
  // Takes QUIT and never answers it: when did QUIT arrive, and when did the backend hang up?
  raw.mute = await startRaw((sock) => {
    greet(sock, (line) => {
      if (/^EHLO/i.test(line)) sock.write('250-raw.test.nl\r\n250 AUTH PLAIN\r\n');
      else if (/^AUTH/i.test(line)) sock.write('235 2.7.0 ok\r\n');
      else if (/^QUIT/i.test(line)) muteQuit.seen = performance.now();
    });
    sock.on('close', () => (muteQuit.closed = performance.now()));
  });
  refused = await closedPort();
  // other.test.nl leads to the server whose certificate carries it; elders.test.nl somewhere else.
  dns = await startDns({ 'smtp.test.nl': { a: ['127.0.0.1'] }, 'other.test.nl': { a: ['127.0.0.1'] }, 'elders.test.nl': { a: ['127.0.0.2'] } });

  const ports = [...Object.values(s).map((x) => x.port), ...Object.values(raw).map((x) => x.port), ...Object.values(lateServers).map((x) => x.port), refused];
  t = testApp({ extraPorts: ports, extraCa: [cert.cert, otherName.cert, expired.cert], timeouts, dnsServers: [dns.server], egressIp: '212.61.168.7', rates: { probePerClient: [1000, 60], probePerTarget: [1000, 60] } }, {}, sink);
});

afterAll(async () => {
  await Promise.all([...Object.values(lateServers), ...Object.values(s), ...Object.values(raw)].map((x) => x.close()));
  await dns.close();
  await t.app.close();
});

const probe = async (port: number, encryption: string, auth: object | undefined = { method: 'password', username: USER, password: PASS }, host = '127.0.0.1') => {
  const started = Date.now();
  const r = await t.post('/v1/probe', { host, port, encryption, auth });
  expect(r.status).toBe(200);
  const report = ProbeReport.parse(r.json);
  return { report, elapsed: Date.now() - started, step: (name: string) => report.steps.find((x) => x.step === name), codes: report.findings.map((f) => f.code), timing: r.headers.get('server-timing') };
};

describe('probe against real SMTP servers', () => {
  it('answers once QUIT is sent, without waiting for the 221; the connection still closes (300 ms at most without an answer)', async () => {
    const { report } = await probe(raw.mute!.port, 'none');
    const answered = performance.now();
    expect(report.steps.map((x) => `${x.step}:${x.status}`)).toEqual(['resolve:ok', 'connect:ok', 'greeting:ok', 'ehlo:ok', 'tls:skipped', 'auth:ok', 'quit:ok']);
    for (let i = 0; i < 200 && !muteQuit.closed; i++) await new Promise((r) => setTimeout(r, 10));
    expect(muteQuit.seen).toBeGreaterThan(0);
    expect(muteQuit.closed).toBeGreaterThan(muteQuit.seen);
    // Waiting for the 221 would put the answer after the hang-up (300 ms after QUIT); it comes well before it.
    expect(muteQuit.closed - answered).toBeGreaterThan(100);
  });


  it('STARTTLS with the right password: every step ok, with server and certificate details', async () => {
    const { report, step, codes, timing, elapsed } = await probe(s.starttls!.port, 'tls');
    expect(report.ok).toBe(true);
    // The backend's own account of its time: the SMTP session and the rest, each within the request's.
    const [, smtp, app] = /^smtp;dur=([\d.]+), app;dur=([\d.]+)$/.exec(timing ?? '') ?? [];
    expect(Number(smtp)).toBeGreaterThan(0);
    expect(Number(smtp) + Number(app)).toBeLessThanOrEqual(elapsed + 1);
    expect(report.steps.map((x) => `${x.step}:${x.status}`)).toEqual(['resolve:ok', 'connect:ok', 'greeting:ok', 'ehlo:ok', 'tls:ok', 'ehlo:ok', 'auth:ok', 'quit:ok']);
    expect(step('greeting')?.reply).toMatch(/^220 /);
    expect(report.server.startTls).toBe(true);
    expect(report.server.authMechanisms).toEqual(expect.arrayContaining(['PLAIN', 'LOGIN']));
    expect(report.tls).toMatchObject({ trusted: true, hostnameMatches: true });
    expect(report.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(report.tls?.certificate.altNames).toEqual(expect.arrayContaining(['smtp.test.nl', '127.0.0.1']));
    expect(report.detected).toEqual({ portMode: 'starttls', recommendedEncryption: 'tls' });
    expect(codes).toContain('auth-ok');
  });

  it('without auth the probe tests the connection only: auth skipped, no "authentication not chosen" finding', async () => {
    const before = s.starttls!.authAttempts.length;
    const r = await t.post('/v1/probe', { host: '127.0.0.1', port: s.starttls!.port, encryption: 'tls' });
    const report = ProbeReport.parse(r.json);
    expect(report.ok).toBe(true);
    expect(report.findings.map((f) => f.code)).not.toContain('auth-invalid');
    expect(s.starttls!.authAttempts.length).toBe(before);
  });

  it('implicit TLS ("Gebruik SSL") with the right password', async () => {
    const { report, step } = await probe(s.implicit!.port, 'ssl');
    expect(report.ok).toBe(true);
    expect(step('tls')?.status).toBe('ok');
    expect(report.detected).toEqual({ portMode: 'implicit-tls', recommendedEncryption: 'ssl' });
  });

  it('a host name resolved by the configured DNS server: TLS checks the name, not the IP', async () => {
    const { report } = await probe(s.starttls!.port, 'tls', undefined, 'smtp.test.nl');
    expect(report.ok).toBe(true);
    expect(report.target).toMatchObject({ host: 'smtp.test.nl', address: '127.0.0.1' });
    expect(report.tls?.hostnameMatches).toBe(true);
  });

  it('"Gebruik TLS" on an implicit-TLS port: diagnosed as "kies Gebruik SSL", and no password sent', async () => {
    const before = s.implicit!.authAttempts.length;
    const { report, step } = await probe(s.implicit!.port, 'tls');
    expect(report.ok).toBe(false);
    expect(step('greeting')).toMatchObject({ status: 'fail', code: 'EIMPLICITTLS' });
    expect(report.detected).toEqual({ portMode: 'implicit-tls', recommendedEncryption: 'ssl' });
    const f = report.findings.find((x) => x.code === 'port-expects-ssl');
    expect(f?.fix).toEqual({ encryption: 'ssl' });
    expect(findingText(f!, 'nl')).toContain('kies "Gebruik SSL"');
    expect(s.implicit!.authAttempts.length).toBe(before);
  });

  it('"Gebruik SSL" on a STARTTLS port: diagnosed as "kies Gebruik TLS"', async () => {
    const { report, step } = await probe(s.starttls!.port, 'ssl');
    expect(step('tls')).toMatchObject({ status: 'fail', code: 'ETLS' });
    expect(report.detected).toEqual({ portMode: 'starttls', recommendedEncryption: 'tls' });
    expect(report.findings.find((x) => x.code === 'port-expects-starttls')?.fix).toEqual({ encryption: 'tls' });
  });

  it('"Gebruik SSL" on a plain port without STARTTLS', async () => {
    const { report } = await probe(s.plain!.port, 'ssl');
    expect(report.detected.portMode).toBe('plain');
    expect(report.findings.map((f) => f.code)).toContain('port-plain-only');
  });

  it('"Gebruik TLS" without STARTTLS offered fails before AUTH: no credentials sent', async () => {
    const before = s.plain!.authAttempts.length;
    const { report, step, codes } = await probe(s.plain!.port, 'tls');
    expect(step('tls')).toMatchObject({ status: 'fail', code: 'ENOSTARTTLS' });
    expect(step('auth')).toMatchObject({ status: 'skipped' });
    expect(codes).toContain('starttls-not-offered');
    expect(report.detected.portMode).toBe('plain');
    expect(s.plain!.authAttempts.length).toBe(before);
  });

  it('"Gebruik TLS indien beschikbaar" without STARTTLS: warns that the CRM would send the password in clear, and does not send it', async () => {
    const before = s.plain!.authAttempts.length;
    const { report, step } = await probe(s.plain!.port, 'tls-if-available');
    expect(step('tls')?.status).toBe('warn');
    expect(report.findings.find((f) => f.code === 'starttls-not-offered')?.variant).toBe('downgradable');
    expect(report.findings.map((f) => f.code)).toContain('tls-downgradable'); // the rules run too
    expect(s.plain!.authAttempts.length).toBe(before);
  });

  it('"Geen encryptie" with a password: logs in, and says loudly that the password went in clear', async () => {
    const { report, step } = await probe(s.plain!.port, 'none');
    expect(step('auth')?.status).toBe('ok');
    expect(report.findings.find((f) => f.code === 'cleartext-auth')?.severity).toBe('error');
    expect(report.ok).toBe(false); // works, but not a setting we call good
  });

  it('"Geen encryptie" on a server that offers STARTTLS: recommends "Gebruik TLS"', async () => {
    const { codes } = await probe(s.starttls!.port, 'none', { method: 'ip-whitelist' });
    expect(codes).toContain('starttls-available');
  });

  it('wrong password: 535 becomes auth-failed', async () => {
    const { report, step } = await probe(s.starttls!.port, 'tls', { method: 'password', username: USER, password: WRONG });
    expect(step('auth')).toMatchObject({ status: 'fail', code: 'SMTP_535' });
    expect(report.findings.find((f) => f.code === 'auth-failed')).toBeTruthy();
  });

  it.each([
    ['m365', 'tls', 'office365-auth-disabled', 'smtp-auth-disabled'],
    ['basic', 'tls', 'basic-auth-unsupported', undefined],
    ['gmail', 'ssl', 'gmail-app-password-required', undefined],
    ['needTls', 'none', 'starttls-required', undefined],
  ])('provider reply on %s becomes %s', async (name, enc, code, variant) => {
    const { report } = await probe(s[name]!.port, enc);
    const f = report.findings.find((x) => x.code === code);
    expect(f).toBeTruthy();
    expect(f?.variant).toBe(variant);
    expect(String(f?.params?.reply)).toMatch(/^5\d\d /);
  });

  it('self-signed certificate: reported, and the password is not sent', async () => {
    const { report, step, codes } = await probe(s.selfSigned!.port, 'tls');
    expect(report.tls?.trusted).toBe(false);
    expect(report.tls?.trustError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(codes).toEqual(expect.arrayContaining(['cert-self-signed', 'auth-skipped']));
    expect(step('auth')?.status).toBe('skipped');
    expect(s.selfSigned!.authAttempts).toHaveLength(0);
    // Nothing failed on the wire, but the login was never tried and the certificate is not trusted: not "ok".
    expect(report.steps.some((x) => x.status === 'fail')).toBe(false);
    expect(report.ok).toBe(false);
  });

  it('the same self-signed server probed without a password only tests the connection: still not ok (untrusted)', async () => {
    const { report } = await probe(s.selfSigned!.port, 'tls', { method: 'ip-whitelist' });
    expect(report.ok).toBe(false);
  });

  it('certificate for another name: name mismatch reported, password not sent', async () => {
    const { report, codes } = await probe(s.mismatch!.port, 'tls');
    expect(report.tls).toMatchObject({ trusted: true, hostnameMatches: false });
    expect(codes).toContain('cert-name-mismatch');
    expect(s.mismatch!.authAttempts).toHaveLength(0);
    // other.test.nl, the certificate's name, leads to the address tested: the one-click fix for Hostnaam.
    expect(report.findings.find((f) => f.code === 'cert-name-mismatch')?.fix).toEqual({ host: 'other.test.nl' });
  });

  it('certificate for another name that leads elsewhere, or only a wildcard: no host fix, only the advice', async () => {
    const { report, codes } = await probe(s.mismatchElsewhere!.port, 'tls');
    expect(codes).toContain('cert-name-mismatch');
    expect(report.findings.find((f) => f.code === 'cert-name-mismatch')?.fix).toBeUndefined();
    expect(dns.queries.some((q) => q.name === 'elders.test.nl')).toBe(true);
    expect(dns.queries.some((q) => q.name.includes('*'))).toBe(false);
  });

  it('expired certificate: reported with its end date', async () => {
    const { report } = await probe(s.old!.port, 'tls');
    const f = report.findings.find((x) => x.code === 'cert-expired');
    expect(f?.params?.validTo).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(s.old!.authAttempts).toHaveLength(0);
  });

  it('connection refused', async () => {
    const { report, step, codes } = await probe(refused, 'tls');
    expect(step('connect')).toMatchObject({ status: 'fail', code: 'ECONNREFUSED' });
    expect(report.detected.portMode).toBe('unreachable');
    expect(codes).toContain('connection-refused');
  });

  it('ip-whitelist: says what a test from here can and cannot prove (EGRESS_IP inside the CRM range)', async () => {
    const { report } = await probe(s.starttls!.port, 'tls', { method: 'ip-whitelist' });
    const f = report.findings.find((x) => x.code === 'whitelist-scope');
    expect(f).toMatchObject({ variant: 'inside', params: { egressIp: '212.61.168.7', range: '212.61.168.0/27' } });
  });
});

describe('servers that misbehave on purpose end quickly with a clear code', () => {
  it.each([
    ['silent', 'greeting', 'ETIMEDOUT', 'greeting-timeout'],
    ['trickle', 'greeting', 'ETIMEDOUT', 'greeting-timeout'],
    ['huge', 'greeting', 'ETOOBIG', 'server-reply-invalid'],
    ['longLine', 'greeting', 'ETOOBIG', 'server-reply-invalid'],
    ['endless', 'ehlo', 'ETOOBIG', 'server-reply-invalid'],
    ['midReply', 'ehlo', 'ECLOSED', 'connection-closed'],
    ['busy', 'ehlo', 'SMTP_421', 'server-busy'],
  ])('%s server: %s fails with %s, within the configured deadline', async (name, stepName, code, finding) => {
    const { report, elapsed, step } = await probe(raw[name]!.port, 'tls');
    expect(step(stepName)).toMatchObject({ status: 'fail', code });
    expect(report.findings.map((f) => f.code)).toContain(finding);
    // The only clock here: the configured overall deadline bounds the run (how fast is `npm run bench`'s job).
    expect(report.ms).toBeLessThanOrEqual(timeouts.overall + GRACE);
    expect(elapsed).toBeLessThanOrEqual(timeouts.overall + GRACE);
  });

  it('STARTTLS answered with 454: fails before AUTH, no credentials sent', async () => {
    const { step, codes } = await probe(raw.tls454!.port, 'tls');
    expect(step('tls')).toMatchObject({ status: 'fail', code: 'SMTP_454' });
    expect(step('auth')?.status).toBe('skipped');
    expect(codes).toContain('starttls-failed');
  });

  it('AUTH answered without 334: a protocol error, not a hang', async () => {
    const { report, step, codes } = await probe(raw.no334!.port, 'none');
    expect(step('auth')).toMatchObject({ status: 'fail', code: 'EPROTOCOL' });
    expect(codes).toContain('auth-protocol');
    expect(report.ms).toBeLessThanOrEqual(timeouts.overall + GRACE);
  });

  it('a server that offers no AUTH before STARTTLS: auth fails with ENOAUTH and points to "Gebruik TLS"', async () => {
    const { report, step } = await probe(raw.noAuth!.port, 'none');
    expect(step('auth')).toMatchObject({ status: 'fail', code: 'ENOAUTH' });
    expect(report.findings.find((f) => f.code === 'auth-not-offered')).toMatchObject({ variant: 'needs-tls', fix: { encryption: 'tls' } });
    expect(report.ok).toBe(false);
  });

  it.each([
    ['oldTlsImplicit', 'ssl', 'implicit-tls'],
    ['oldTlsStarttls', 'tls', 'starttls'],
  ])('%s: a server that speaks only TLS 1.0/1.1 is told as outdated, not as the wrong encryption; nothing is sent', async (name, encryption, portMode) => {
    const before = s[name]!.authAttempts.length;
    const { report, step, codes } = await probe(s[name]!.port, encryption);
    expect(step('tls')).toMatchObject({ status: 'fail', code: 'ETLS' });
    expect(codes).toContain('tls-version-outdated');
    expect(codes).not.toContain('tls-handshake-failed');
    expect(codes).not.toContain('starttls-failed');
    expect(report.detected.portMode).toBe(portMode);
    expect(probeOutcome(report).kind).toBe('refused');
    expect(findingText(report.findings.find((f) => f.code === 'tls-version-outdated')!, 'nl')).toContain('TLS 1.2 of 1.3 aanzetten');
    expect(s[name]!.authAttempts.length).toBe(before);
  });

  it('a server that offers only mechanisms the CRM cannot use: auth fails with ENOMECH, nothing sent', async () => {
    const before = s.cramOnly!.authAttempts.length;
    const { report, step } = await probe(s.cramOnly!.port, 'tls');
    expect(report.server.authMechanisms).toEqual(['CRAM-MD5']);
    expect(step('auth')).toMatchObject({ status: 'fail', code: 'ENOMECH' });
    expect(report.findings.find((f) => f.code === 'auth-mechanism-unsupported')?.params).toEqual({ mechanisms: 'CRAM-MD5' });
    expect(s.cramOnly!.authAttempts.length).toBe(before);
  });
});

describe('wrong encryption, late greeters and silence', () => {
  // Greetings after 0.5 s and 3 s (a postscreen greet pause) need a greeting time-out above 3 s.
  const lateTimeouts = { connect: 1000, greeting: 5000, tls: 5000, command: 2000, overall: 10_000 };
  let late: TestApp;
  beforeAll(() => {
    late = testApp({ extraPorts: [...Object.values(lateServers).map((x) => x.port), raw.silent!.port, s.implicit!.port], extraCa: [cert.cert], timeouts: lateTimeouts, rates: { probePerClient: [1000, 60], probePerTarget: [1000, 60] } }, {}, sink);
  });
  afterAll(() => late.app.close());
  const lateProbe = async (port: number, encryption: string) => {
    const r = await late.post('/v1/probe', { host: '127.0.0.1', port, encryption, auth: { method: 'password', username: USER, password: PASS } });
    expect(r.status).toBe(200);
    const report = ProbeReport.parse(r.json);
    expect(report.ms).toBeLessThanOrEqual(lateTimeouts.overall + GRACE);
    return { report, step: (name: string) => report.steps.find((x) => x.step === name), codes: report.findings.map((f) => f.code) };
  };

  it.each([['late500'], ['late3000']])('%s: "Gebruik TLS" still logs in (the side handshake does not decide for a late greeting)', async (name) => {
    const { report, step } = await lateProbe(lateServers[name]!.port, 'tls');
    expect(step('greeting')?.status).toBe('ok');
    expect(report.steps.map((x) => `${x.step}:${x.status}`)).toEqual(['resolve:ok', 'connect:ok', 'greeting:ok', 'ehlo:ok', 'tls:ok', 'ehlo:ok', 'auth:ok', 'quit:ok']);
    expect(report.detected).toEqual({ portMode: 'starttls', recommendedEncryption: 'tls' });
  });

  it.each([['late500'], ['late3000']])('%s: "Gebruik SSL" is diagnosed as "kies Gebruik TLS"', async (name) => {
    const { report, step, codes } = await lateProbe(lateServers[name]!.port, 'ssl');
    expect(step('tls')).toMatchObject({ status: 'fail', code: 'ETLS' });
    expect(report.detected).toEqual({ portMode: 'starttls', recommendedEncryption: 'tls' });
    expect(codes).toContain('port-expects-starttls');
  });

  it('"Gebruik TLS" on an implicit-TLS port with a long greeting time-out: still "kies Gebruik SSL"', async () => {
    const { report, step } = await lateProbe(s.implicit!.port, 'tls');
    expect(step('greeting')).toMatchObject({ status: 'fail', code: 'EIMPLICITTLS' });
    expect(report.detected.portMode).toBe('implicit-tls');
  });

  it('a port that never answers is not "expects TLS": "Gebruik TLS" ends in a greeting time-out', async () => {
    const { report, step, codes } = await probe(raw.silent!.port, 'tls');
    expect(step('greeting')).toMatchObject({ status: 'fail', code: 'ETIMEDOUT' });
    expect(codes).toContain('greeting-timeout');
    expect(codes).not.toContain('port-expects-ssl');
    expect(report.detected.portMode).not.toBe('implicit-tls');
  });

  it('a port that never answers is not "expects STARTTLS": "Gebruik SSL" ends in a TLS time-out', async () => {
    const { report, step, codes } = await probe(raw.silent!.port, 'ssl');
    expect(step('tls')).toMatchObject({ status: 'fail', code: 'ETIMEDOUT' });
    expect(codes).toContain('tls-handshake-failed');
    expect(codes).not.toContain('port-expects-starttls');
    expect(report.detected.portMode).toBe('unknown');
  });

  it('the overall deadline ends a probe that waits for a late greeting: EDEADLINE and probe-deadline, within that deadline', async () => {
    const tight = { ...lateTimeouts, overall: 1200 };
    const d = testApp({ extraPorts: [lateServers.late3000!.port], timeouts: tight }, {}, sink);
    const r = await d.post('/v1/probe', { host: '127.0.0.1', port: lateServers.late3000!.port, encryption: 'tls' });
    const report = ProbeReport.parse(r.json);
    expect(report.steps.find((x) => x.step === 'greeting')).toMatchObject({ status: 'fail', code: 'EDEADLINE' });
    expect(report.findings.find((f) => f.code === 'probe-deadline')?.params).toEqual({ phase: 'greeting' });
    expect(report.ms).toBeLessThanOrEqual(tight.overall + GRACE);
    await d.app.close();
  });
});

describe('HTTP layer', () => {
  it.each([
    ['smtp.x.nl:587', /Hostnaam bevat een poortnummer.*Host name contains a port number/s],
    ['http://x', /Hostnaam begint met een protocol.*Host name starts with a protocol/s],
    ['a@host.nl', /Hostnaam/],
    ['0x7f.1', /Hostnaam/],
  ])('host %s → 400 naming the field in Dutch and English', async (host, message) => {
    const r = await t.post('/v1/probe', { host, port: 587, encryption: 'tls' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_request', field: 'host' });
    // Errors as data: `message` is English (curl); the extension renders Dutch from the findings/code.
    expect([findingText(r.json.error.findings[0], 'nl'), r.json.error.message].join(' / ')).toMatch(message);
  });

  it.each([22, 80, 6379])('port %i → 400 port_not_allowed', async (port) => {
    const r = await t.post('/v1/probe', { host: 'smtp.test.nl', port, encryption: 'tls' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'port_not_allowed', field: 'port' });
  });

  it.each([0, 65536, '587\r\n', '587', 587.5])('port %j → 400', async (port) => {
    const r = await t.post('/v1/probe', { host: 'smtp.test.nl', port, encryption: 'tls' });
    expect(r.status).toBe(400);
    expect(r.json.error.field).toBe('port');
  });

  it('refuses internal targets before connecting', async () => {
    for (const host of ['10.0.0.1', '::1', '169.254.169.254', 'metadata.google.internal']) {
      const r = await t.post('/v1/probe', { host, port: 587, encryption: 'tls' });
      expect(r.status, host).toBe(400);
      expect(r.json.error.code).toBe('target_not_allowed');
    }
  });

  it('a name that does not exist is a report with the resolve step failing', async () => {
    const r = await t.post('/v1/probe', { host: 'nope.test.nl', port: 587, encryption: 'tls' });
    expect(r.status).toBe(200);
    expect(r.json.steps[0]).toMatchObject({ step: 'resolve', status: 'fail', code: 'ENOTFOUND' });
    expect(r.json.findings[0].code).toBe('dns-not-found');
  });

  it('JSON only (415), body limit (413), bad JSON (400), unknown route (404)', async () => {
    expect((await t.post('/v1/probe', 'host=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await t.post('/v1/probe', 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await t.post('/v1/probe', { host: 'a'.repeat(20_000), port: 587, encryption: 'tls' })).status).toBe(413);
    const bad = await t.post('/v1/probe', '{"host":');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_json');
    expect((await t.get('/v1/nothing')).status).toBe(404);
  });

  it('CORS only for extension origins; other origins are refused', async () => {
    const ok = await t.get('/v1/health', { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    const ff = await t.get('/v1/health', { origin: 'moz-extension://3f1c2a4e-0000-4000-8000-123456789abc' });
    expect(ff.headers.get('access-control-allow-origin')).toBe('moz-extension://3f1c2a4e-0000-4000-8000-123456789abc');
    const evil = await t.post('/v1/probe', { host: 'smtp.test.nl', port: 587, encryption: 'tls' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await t.app.request('/v1/probe', { method: 'OPTIONS', headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
  });

  it('exact extension ids can be configured', async () => {
    const only = testApp({ allowedOrigins: ['chrome-extension://aaaabbbbccccddddaaaabbbbccccdddd'] }, {}, sink);
    expect((await only.get('/v1/health', { origin: 'chrome-extension://aaaabbbbccccddddaaaabbbbccccdddd' })).status).toBe(200);
    expect((await only.get('/v1/health', { origin: 'chrome-extension://otherotherotherotherotherotherot' })).status).toBe(403);
  });

  it('a Host header other than our own (DNS rebinding) is refused when configured', async () => {
    const bound = testApp({ allowedHosts: ['127.0.0.1:8787'] }, {}, sink);
    expect((await bound.get('/v1/health', { host: '127.0.0.1:8787' })).status).toBe(200);
    expect((await bound.get('/v1/health', { host: 'rebind.evil.example:8787' })).status).toBe(403);
  });

  it('bounded concurrency: a probe beyond the limit gets 503 probe_busy', async () => {
    const accepted = acceptSignal();
    const held = await startRaw(accepted.handle); // silent: the first probe holds its slot until its time-out
    const one = testApp({ extraPorts: [held.port], timeouts, limits: { concurrentProbes: 1 } }, {}, sink);
    const connected = accepted.next();
    const slow = one.post('/v1/probe', { host: '127.0.0.1', port: held.port, encryption: 'ssl' });
    await connected; // the first probe is connected, so it holds the slot
    const busy = await one.post('/v1/probe', { host: '127.0.0.1', port: held.port, encryption: 'ssl' });
    expect(busy.status).toBe(503);
    expect(busy.json.error.code).toBe('probe_busy');
    expect((await slow).status).toBe(200);
    await held.close();
  });

  it('rate limit per target host: 429 with Retry-After', async () => {
    const limited = testApp({ extraPorts: [refused], timeouts, rates: { probePerTarget: [2, 60] } }, {}, sink);
    const body = { host: '127.0.0.1', port: refused, encryption: 'tls' };
    expect((await limited.post('/v1/probe', body)).status).toBe(200);
    expect((await limited.post('/v1/probe', body)).status).toBe(200);
    const third = await limited.post('/v1/probe', body);
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('rate_limited');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('secrecy', () => {
  it('no log line or response body contains a password, its base64, or the AUTH PLAIN blob', () => {
    expect(sink.logs.length).toBeGreaterThan(20);
    const forms = secretForms([
      { user: USER, pass: PASS },
      { user: USER, pass: WRONG },
    ]);
    for (const text of [...sink.logs, ...sink.bodies]) for (const f of forms) expect(text.includes(f), `found a secret in: ${text.slice(0, 200)}`).toBe(false);
    // and no full address in the logs
    for (const line of sink.logs) expect(line).not.toContain(USER);
  });
});
