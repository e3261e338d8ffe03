import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type net from 'node:net';
import { ProbeReport } from '../lib/api';
import { findingText } from '../lib/i18n';
import { REPLY_PATTERNS } from './replies';
import { testApp, type TestApp } from './testing/app';
import { startDns } from './testing/dns';
import { startRaw } from './testing/smtp';

// The reply-text table (server/replies.ts REPLY_PATTERNS) against a raw SMTP server that gives each reply,
// through the probe (POST /v1/probe) and through the validation send (POST /v1/validations). Replies are told
// apart by their text: four different 5.7.139 replies mean four different fixes.

const USER = 'crm@test.nl';
const PASS = 'Raw-Smtp-Wachtwoord-7';

type Phase = 'auth' | 'mail' | 'rcpt';
interface Row {
  name: string;
  phase: Phase;
  reply: string;
  code: string;
  variant?: string;
}
const ROWS: Row[] = [
  { name: 'M365 wrong password', phase: 'auth', reply: '535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]', code: 'auth-failed', variant: 'office365' },
  { name: 'M365 SMTP AUTH off', phase: 'auth', reply: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.', code: 'office365-auth-disabled', variant: 'smtp-auth-disabled' },
  { name: 'M365 basic auth disabled', phase: 'auth', reply: '535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [DB8PR04CA0001.eurprd04.prod.outlook.com]', code: 'office365-auth-disabled', variant: 'security-defaults' },
  { name: 'M365 conditional access', phase: 'auth', reply: '535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.', code: 'office365-auth-disabled', variant: 'conditional-access' },
  { name: 'M365 final removal', phase: 'auth', reply: '550 5.7.30 Basic authentication is not supported for Client Submission.', code: 'basic-auth-unsupported' },
  { name: 'Gmail app password', phase: 'auth', reply: '534 5.7.9 Application-specific password required. Learn more at https://support.google.com/mail/?p=InvalidSecondFactor', code: 'gmail-app-password-required' },
  { name: 'M365 client not authenticated', phase: 'mail', reply: '530 5.7.57 Client not authenticated to send mail. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]', code: 'client-not-authenticated' },
  { name: 'M365 5.7.60 Send As', phase: 'mail', reply: '550 5.7.60 SMTP; Client does not have permissions to send as this sender', code: 'send-as-denied' },
  { name: 'M365 SendAsDenied', phase: 'mail', reply: `554 5.2.252 SendAsDenied; ${USER} not allowed to send as jan@test.nl; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied`, code: 'send-as-denied' },
  { name: 'M365 RejectDirectSend', phase: 'rcpt', reply: '550 5.7.68 TenantInboundAttribution; Direct Send not allowed for this organization from unauthorized sources', code: 'direct-send-rejected' },
];

/**
 * A plain SMTP server that answers everything well except the one command of `row`, which gets its reply.
 * The first `okLogins` logins pass: the validation mail is sent only after a successful probe of the same
 * settings, so the send's own login is the one that gets the reply.
 */
function scripted(row: Row, okLogins = 0) {
  let logins = 0;
  return startRaw((sock: net.Socket) => {
    sock.write('220 raw.test.nl ESMTP ready\r\n');
    let buf = '';
    let inData = false;
    let loginStep = 0;
    const answer = (phase: Phase, ok: string) => {
      const pass = phase === 'auth' && logins++ < okLogins;
      sock.write(`${row.phase === phase && !pass ? row.reply : ok}\r\n`);
    };
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i).replace(/\r$/, '');
        buf = buf.slice(i + 1);
        const cmd = line.toUpperCase();
        if (inData) {
          if (line === '.') {
            inData = false;
            sock.write('250 2.0.0 queued\r\n');
          }
        } else if (loginStep === 1) {
          loginStep = 2;
          sock.write('334 UGFzc3dvcmQ6\r\n');
        } else if (loginStep === 2 || loginStep === 3) {
          loginStep = 0;
          answer('auth', '235 2.7.0 Authentication successful');
        } else if (cmd.startsWith('EHLO')) sock.write('250-raw.test.nl\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n');
        else if (cmd.startsWith('HELO')) sock.write('250 raw.test.nl\r\n');
        else if (cmd === 'AUTH LOGIN') {
          loginStep = 1;
          sock.write('334 VXNlcm5hbWU6\r\n');
        } else if (cmd === 'AUTH PLAIN') {
          loginStep = 3;
          sock.write('334 \r\n');
        } else if (cmd.startsWith('AUTH PLAIN ')) answer('auth', '235 2.7.0 Authentication successful');
        else if (cmd.startsWith('MAIL FROM')) answer('mail', '250 2.1.0 Sender OK');
        else if (cmd.startsWith('RCPT TO')) answer('rcpt', '250 2.1.5 Recipient OK');
        else if (cmd === 'DATA') {
          inData = true;
          sock.write('354 Start mail input\r\n');
        } else if (cmd === 'RSET' || cmd === 'NOOP') sock.write('250 2.0.0 OK\r\n');
        else if (cmd === 'QUIT') sock.end('221 2.0.0 Bye\r\n');
        else sock.write('502 5.5.2 Command not recognized\r\n');
      }
    });
  });
}

const servers = new Map<string, { port: number; close(): Promise<void> }>();
/** The same replies, behind a first login that passes (the probe before the send). */
const sendServers = new Map<string, { port: number; close(): Promise<void> }>();
let dns: Awaited<ReturnType<typeof startDns>>;
let t: TestApp;

beforeAll(async () => {
  for (const row of ROWS) servers.set(row.name, await scripted(row));
  for (const row of ROWS) sendServers.set(row.name, await scripted(row, 1));
  dns = await startDns({ 'smtp.test.nl': { a: ['127.0.0.1'] } });
  t = testApp({
    extraPorts: [...servers.values(), ...sendServers.values()].map((s) => s.port),
    dnsServers: [dns.server],
    timeouts: { connect: 1000, greeting: 1500, tls: 1000, command: 1500, overall: 5000, send: 4000 },
    rates: { probePerClient: [1000, 60], probePerTarget: [1000, 60], validationPerClient: [1000, 60], validationPerRecipient: [1000, 60], validationPerTarget: [1000, 60] },
  });
});
afterAll(async () => {
  await Promise.all([...servers.values(), ...sendServers.values()].map((s) => s.close()));
  await dns.close();
  await t.app.close();
});

describe('the reply-pattern table', () => {
  it('names a source for every row', () => {
    for (const row of REPLY_PATTERNS) expect(row.source.length, row.finding.code).toBeGreaterThan(20);
  });
  it('every reply in this test is told apart by its own row (no two 5.7.139 texts give the same finding)', () => {
    const seen = ROWS.filter((r) => r.reply.includes('5.7.139')).map((r) => `${r.code}.${r.variant}`);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('through the probe (the login step)', () => {
  it.each(ROWS.filter((r) => r.phase === 'auth').map((r) => [r.name, r] as const))('%s', async (_, row) => {
    const port = servers.get(row.name)!.port;
    const r = await t.post('/v1/probe', { host: '127.0.0.1', port, encryption: 'none', auth: { method: 'password', username: USER, password: PASS } });
    expect(r.status).toBe(200);
    const report = ProbeReport.parse(r.json);
    const f = report.findings.find((x) => x.code === row.code);
    expect(f, JSON.stringify(report.findings.map((x) => x.code))).toBeTruthy();
    expect(f?.variant).toBe(row.variant);
    expect(String(f?.params?.reply)).toContain(row.reply.slice(0, 9));
    expect(report.steps.find((s) => s.step === 'auth')?.status).toBe('fail');
    for (const lang of ['nl', 'en'] as const) expect(findingText(f as never, lang)).not.toMatch(/\{\w+\}/);
  });
});

describe('through the validation send', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_, row) => {
    const port = sendServers.get(row.name)!.port;
    const settings = { host: 'smtp.test.nl', port, encryption: 'none', auth: { method: 'password', username: USER, password: PASS }, mode: 'mailbox' };
    // The wizard's "Test nu" first: the backend sends the validation mail only for settings whose probe passed.
    const probe = await t.post('/v1/probe', settings);
    expect(probe.json.steps.find((st: { step: string }) => st.step === 'auth')?.status, JSON.stringify(probe.json.steps)).toBe('ok');
    const r = await t.post('/v1/validations', {
      settings,
      domain: 'test.nl',
      from: 'jan@test.nl',
      to: 'piet@test.nl',
      lang: 'nl',
    });
    expect(r.status, JSON.stringify(r.json)).toBe(502);
    expect(r.json.error.code).toBe('send_failed');
    expect(r.json.error.findings[0]).toMatchObject({ code: row.code, ...(row.variant ? { variant: row.variant } : {}) });
    if (!row.variant) expect(r.json.error.findings[0].variant).toBeUndefined();
  });

  it('the Send As finding says "Verzenden als" with the click path that includes choosing the user, never "verzenden namens" as the fix', () => {
    const nl = findingText({ code: 'send-as-denied', params: { reply: '554 5.2.252 SendAsDenied' } }, 'nl');
    expect(nl).toContain('"Verzenden als"');
    expect(nl).toContain('(kies de gebruiker');
    expect(nl).not.toMatch(/recht "verzenden namens"/);
  });
});
