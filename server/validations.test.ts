import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationCreated } from '../lib/api';
import { CODE_ALPHABET } from './codes';
import { markProbed, secretForms, testApp, type TestApp } from './testing/app';
import { startDns } from './testing/dns';
import { makeCert, startSmtp, type ReceivedMail, type TestSmtp } from './testing/smtp';

const USER = 'crm-service@test.nl';
const PASS = 'Val1dat!e-Wachtwoord';
const WRONG = 'Helemaal-Fout-99';
const sink = { logs: [] as string[], bodies: [] as string[] };
const codesSeen: string[] = [];

let smtp: TestSmtp;
let m365: TestSmtp;
let sendAs: TestSmtp;
let dns: Awaited<ReturnType<typeof startDns>>;
let t: TestApp;
let cert: Awaited<ReturnType<typeof makeCert>>;
const storedIds = (app: TestApp) => app.app.store.pending();

const settings = (port: number, over: object = {}) => ({
  host: 'smtp.test.nl',
  port,
  encryption: 'tls',
  auth: { method: 'password', username: USER, password: PASS },
  mode: 'relay',
  ...over,
});
const body = (port: number, over: object = {}) => ({ settings: settings(port), domain: 'test.nl', from: 'jan.jansen@test.nl', to: 'piet@test.nl', lang: 'nl', ...over });

const codeFrom = (mail: ReceivedMail) => {
  const m = /Uw validatiecode: ([A-Z0-9]{6})/.exec(mail.raw);
  if (!m) throw new Error('no code in mail');
  codesSeen.push(m[1]!);
  return m[1]!;
};

/** The probe the wizard runs first ("Test nu"): the validation mail is sent only for settings that passed it. */
async function probeFirst(app = t, port = smtp.port) {
  const r = await app.post('/v1/probe', settings(port));
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  expect(r.json.ok, JSON.stringify(r.json.steps)).toBe(true);
}

/** Creates a validation and returns its id and the code read from the mail the server received. */
async function create(app = t, port = smtp.port, server = smtp) {
  await probeFirst(app, port);
  const mail = server.nextMail();
  const r = await app.post('/v1/validations', body(port));
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const { id } = ValidationCreated.parse(r.json);
  return { id, code: codeFrom(await mail), mail: await mail };
}

const confirm = (id: string, code: unknown, app = t) => app.post(`/v1/validations/${id}/confirm`, { code });

beforeAll(async () => {
  cert = await makeCert(['smtp.test.nl', '127.0.0.1']);
  [smtp, m365, sendAs] = await Promise.all([
    startSmtp({ cert, users: { [USER]: PASS } }),
    startSmtp({ cert, authError: { code: 535, message: '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.' } }),
    startSmtp({ cert, users: { [USER]: PASS }, mailError: { code: 554, message: `5.2.252 SendAsDenied; ${USER} not allowed to send as jan.jansen@test.nl` } }),
  ]);
  dns = await startDns({ 'smtp.test.nl': { a: ['127.0.0.1'] } });
  t = testApp(
    {
      extraPorts: [smtp.port, m365.port, sendAs.port],
      extraCa: [cert.cert],
      dnsServers: [dns.server],
      timeouts: { connect: 1000, greeting: 1500, tls: 1000, command: 1500, send: 4000 },
      rates: { probePerClient: [1000, 60], probePerTarget: [1000, 60], validationPerClient: [1000, 60], validationPerRecipient: [1000, 60], validationPerTarget: [1000, 60], confirmPerClient: [1000, 60] },
    },
    {},
    sink,
  );
});

afterAll(async () => {
  await Promise.all([smtp.close(), m365.close(), sendAs.close(), dns.close()]);
  await t.app.close();
});

describe('validation round trip through the admin\'s own server', () => {
  it('sends one mail From = Van, To = Naar, with a fixed bilingual text and the code', async () => {
    const { code, mail } = await create();
    expect(mail.from).toBe('jan.jansen@test.nl');
    expect(mail.to).toEqual(['piet@test.nl']);
    expect(mail.user).toBe(USER);
    expect(mail.raw).toMatch(/^From: jan\.jansen@test\.nl$/m);
    expect(mail.raw).toMatch(/^To: piet@test\.nl$/m);
    expect(mail.raw).toMatch(/^Subject: /m);
    expect(mail.raw).toContain('Your validation code');
    expect(code).toHaveLength(6);
    for (const ch of code) expect(CODE_ALPHABET).toContain(ch);
  });

  it('create → confirm → 200; a second confirm is not 200', async () => {
    const { id, code } = await create();
    const ok = await confirm(id, code);
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ validated: true, domain: 'test.nl' });
    const again = await confirm(id, code);
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('already_used');
  });

  it('accepts the code in lower case and with spaces around it', async () => {
    const { id, code } = await create();
    expect((await confirm(id, `  ${code.toLowerCase()} `)).status).toBe(200);
  });

  it('5 wrong codes lock the validation (429); the right code is then refused too', async () => {
    const { id, code } = await create();
    const wrong = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    for (const left of [4, 3, 2, 1]) {
      const r = await confirm(id, wrong);
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'code_mismatch', attemptsLeft: left });
    }
    const fifth = await confirm(id, wrong);
    expect(fifth.status).toBe(429);
    expect(fifth.json.error.code).toBe('locked');
    expect((await confirm(id, code)).status).toBe(429);
  });

  it('concurrent confirms of the right code: exactly one 200', async () => {
    const { id, code } = await create();
    const results = await Promise.all(Array.from({ length: 12 }, () => confirm(id, code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('a code is bound to its validation: A\'s code fails for B', async () => {
    // Two codes that certainly differ (random codes could collide and skip the check).
    const codes = ['K7M2PQ', 'R9T4WX'];
    const two = testApp({ extraPorts: [smtp.port], extraCa: [cert.cert], dnsServers: [dns.server] }, { newCode: () => codes.shift()! }, sink);
    const a = await create(two);
    const b = await create(two);
    expect([a.code, b.code]).toEqual(['K7M2PQ', 'R9T4WX']);
    const r = await confirm(b.id, a.code, two);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('code_mismatch');
    expect((await confirm(b.id, b.code, two)).status).toBe(200);
    await two.app.close();
  });

  it.each([['ABC'], ['ABCDEFG'], ['１２３４５６'], ['ABCD0O'], [['ABCDEF']], [{ a: 1 }], [123456], [null], ['']])('code %j → 400, never 500, and not counted as an attempt', async (bad) => {
    const { id, code } = await create();
    const r = await confirm(id, bad);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('code_invalid');
    expect((await confirm(id, code)).status).toBe(200);
  });

  it('unknown or malformed id → 404', async () => {
    expect((await confirm('AAAAAAAAAAAAAAAAAAAAAA', 'ABCDEF')).status).toBe(404);
    expect((await confirm('x', 'ABCDEF')).status).toBe(404);
    expect((await t.post('/v1/validations/%2e%2e/confirm', { code: 'ABCDEF' })).status).toBe(404);
  });

  it('an expired code → 410 expired', async () => {
    const short = testApp({ extraPorts: [smtp.port], dnsServers: [dns.server], code: { ttlMs: 100 } }, {}, sink);
    // short has no trusted CA for the test certificate: send with "Geen encryptie" over the plain dialogue
    await markProbed(short.app, settings(smtp.port, { encryption: 'none' }));
    const mail = smtp.nextMail();
    const r = await short.post('/v1/validations', body(smtp.port, { settings: settings(smtp.port, { encryption: 'none' }) }));
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const code = codeFrom(await mail);
    await new Promise((res) => setTimeout(res, 150));
    const late = await confirm(r.json.id, code, short);
    expect(late.status).toBe(410);
    expect(late.json.error.code).toBe('expired');
    await short.app.close();
  });
});

describe('what the validation endpoint refuses', () => {
  it.each([
    ['from', 'Jan <jan@test.nl>'],
    ['from', '"jan"@test.nl'],
    ['from', 'jan@test.nl\r\nBcc: victim@evil.example'],
    ['to', 'piet@test.nl,victim@evil.example'],
    ['to', 'piet@test.nl (comment)'],
    ['from', 'jan@evil.example'],
    ['to', 'piet@sub.test.nl'],
    ['domain', 'test.nl\r\nX-Evil: 1'],
  ])('%s = %j → 400 naming the field', async (field, value) => {
    const before = smtp.mails.length;
    const r = await t.post('/v1/validations', body(smtp.port, { [field]: value }));
    expect(r.status).toBe(400);
    expect(r.json.error.field).toBe(field);
    expect(smtp.mails.length).toBe(before);
  });

  it('a host or port the guard refuses → 400 before any connection', async () => {
    expect((await t.post('/v1/validations', body(smtp.port, { settings: settings(smtp.port, { host: '10.0.0.1' }) }))).json.error.code).toBe('target_not_allowed');
    expect((await t.post('/v1/validations', body(smtp.port, { settings: settings(22) }))).json.error.code).toBe('port_not_allowed');
    expect((await t.post('/v1/validations', body(smtp.port, { settings: settings(smtp.port, { host: 'smtp.test.nl:587' }) }))).json.error.field).toBe('settings.host');
  });

  it('wrong password (changed since the probe) → 502 send_failed with the finding, and no validation is left behind', async () => {
    await markProbed(t.app, settings(smtp.port));
    const before = await storedIds(t);
    const r = await t.post('/v1/validations', body(smtp.port, { settings: settings(smtp.port, { auth: { method: 'password', username: USER, password: WRONG } }) }));
    expect(r.status).toBe(502);
    expect(r.json.error.code).toBe('send_failed');
    expect(r.json.error.findings[0].code).toBe('auth-failed');
    expect(r.json.id).toBeUndefined();
    // the record written before the send was removed again
    expect(await storedIds(t)).toEqual(before);
  });

  it('settings no probe of this client passed → 409 probe_required, no mail', async () => {
    const before = smtp.mails.length;
    const r = await t.post('/v1/validations', body(smtp.port, { settings: settings(smtp.port, { encryption: 'ssl' }) }));
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: 'probe_required', field: 'settings' });
    expect(smtp.mails.length).toBe(before);
  });

  it('Microsoft 365 "SMTP AUTH disabled" while sending → office365-auth-disabled', async () => {
    await markProbed(t.app, settings(m365.port));
    const r = await t.post('/v1/validations', body(m365.port, { settings: settings(m365.port) }));
    expect(r.status).toBe(502);
    expect(r.json.error.findings[0]).toMatchObject({ code: 'office365-auth-disabled', variant: 'smtp-auth-disabled' });
  });

  it('SendAsDenied → send-as-denied (mailbox mode without the right)', async () => {
    await probeFirst(t, sendAs.port);
    const r = await t.post('/v1/validations', body(sendAs.port, { settings: settings(sendAs.port, { mode: 'mailbox' }) }));
    expect(r.status).toBe(502);
    expect(r.json.error.findings[0].code).toBe('send-as-denied');
  });

  it('rate limit per recipient', async () => {
    const limited = testApp({ extraPorts: [smtp.port], dnsServers: [dns.server], rates: { validationPerRecipient: [1, 3600] } }, {}, sink);
    const b = body(smtp.port, { settings: settings(smtp.port, { encryption: 'none' }) });
    await markProbed(limited.app, b.settings);
    expect((await limited.post('/v1/validations', b)).status).toBe(201);
    const second = await limited.post('/v1/validations', { ...b, from: 'other@test.nl' });
    expect(second.status).toBe(429);
    await limited.app.close();
  });
});

describe('secrecy', () => {
  it('no log line or body has a password, its base64, a code, or a full address in the logs', () => {
    expect(codesSeen.length).toBeGreaterThan(5);
    const forms = [...secretForms([{ user: USER, pass: PASS }, { user: USER, pass: WRONG }])];
    for (const text of [...sink.logs, ...sink.bodies]) for (const f of forms) expect(text.includes(f), text.slice(0, 200)).toBe(false);
    for (const line of sink.logs) {
      for (const c of codesSeen) expect(line.includes(c), line).toBe(false);
      for (const a of ['jan.jansen@test.nl', 'piet@test.nl', USER]) expect(line.includes(a), line).toBe(false);
    }
    expect(sink.logs.some((l) => l.includes('j***@test.nl'))).toBe(true);
  });
});
