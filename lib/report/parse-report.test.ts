import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { panelMessages } from '../i18n/panel';
import type { ShownFinding, ShownProbeReport } from '../shown';
import { buildReport, parseProbeSummary, probeSummary, type ReportInput } from './text-report';
import { crc32, encodeBlock, type ReportPayloadV1 } from './machine-block';
import { fromBase64, parseReport, MAX_REPORT_CHARS, type ParseResult } from './parse-report';

const PASSWORD = 'Geheim-Wachtwoord-9!';
const toBase64 = (b: Uint8Array) => Buffer.from(b).toString('base64').replace(/=+$/, '');

const findings: ShownFinding[] = [
  { code: 'port-encryption-mismatch', severity: 'error', text: 'Poort 465 verwacht SSL vanaf de eerste byte: kies "Gebruik SSL".', fix: { encryption: 'ssl' } },
  { code: 'office365-port-465', severity: 'error', text: 'Office 365 gebruikt poort 587 …' },
  { code: 'office365-smtp-auth', severity: 'warning', text: 'SMTP AUTH moet aan staan — “quotes” en é ü ß 🙂' },
];

const probeReport: ShownProbeReport = {
  ok: false,
  target: { host: 'smtp.office365.com', port: 465, address: '203.0.113.5', addresses: ['203.0.113.5'] },
  ms: 1234,
  steps: [
    { step: 'resolve', status: 'ok', ms: 3 },
    { step: 'connect', status: 'ok', ms: 20 },
    { step: 'greeting', status: 'fail', ms: 1000, code: 'ETIMEDOUT', message: 'no greeting' },
  ],
  server: { extensions: [], authMechanisms: [], startTls: false },
  detected: { portMode: 'starttls', recommendedEncryption: 'tls' },
  findings: [{ code: 'port-expects-starttls', severity: 'error', text: '…', fix: { encryption: 'tls' } }],
};

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  url: 'https://app.perfectview.nl/instellingen/mail?token=secret-in-url#frag',
  time: new Date('2026-11-30T20:00:00.000Z'),
  values: { host: 'smtp.office365.com', port: '465', encryption: 'tls', authMethod: 'password', username: 'crm@klant.nl', mode: 'mailbox' },
  passwordFilled: true,
  findings,
  probe: probeSummary(probeReport),
  ...over,
});

const nl = translator(panelMessages, 'nl');
const en = translator(panelMessages, 'en');
const report = (over: Partial<ReportInput> = {}, t = nl) => buildReport(input(over), t);

function expectOk(r: ParseResult) {
  if (!r.ok) throw new Error(`expected a report, got ${JSON.stringify(r.problem)}`);
  return r.report;
}

/** What a mail client does when replying: "> " before every line (nested once more per level). */
const quote = (s: string, prefix = '> ') => s.split('\n').map((l) => prefix + l).join('\n');
/** A mail client's rewrap: lines cut at `width`, at a space when there is one, else hard. */
function rewrap(s: string, width: number): string {
  return s
    .split('\n')
    .flatMap((line) => {
      const out: string[] = [];
      let rest = line;
      while (rest.length > width) {
        const space = rest.lastIndexOf(' ', width);
        const at = space > 0 ? space : width;
        out.push(rest.slice(0, at));
        rest = rest.slice(space > 0 ? at + 1 : at);
      }
      out.push(rest);
      return out;
    })
    .join('\n');
}
const MAIL = (body: string) => `Hallo support,\n\nHieronder het rapport.\n\n${body}\n\n-- \nJan Jansen\nKlant BV | 010-1234567\n`;

describe('crc32 and base64', () => {
  it('crc32 of "123456789" is the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  it("the reader's base64 decodes every length and byte value", () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect([...fromBase64(toBase64(bytes))!]).toEqual([...bytes]);
    }
    expect(fromBase64('AB-C')).toBeUndefined();
  });
});

describe('the support report with its machine block', () => {
  it('keeps the human part and ends with the block; no password, no query string', () => {
    const text = report();
    expect(text).toContain('Hostnaam: smtp.office365.com');
    expect(text).toContain('Wachtwoord: (ingevuld, niet opgenomen)');
    expect(text).toMatch(/Voor support \(niet wijzigen\)[^\n]*\n-----BEGIN MAILSERVER-ASSISTENT RAPPORT v1-----\n/);
    expect(text.trimEnd()).toMatch(/-----END MAILSERVER-ASSISTENT RAPPORT \d+ [0-9a-f]{8}-----$/);
    expect(text).not.toContain('secret-in-url');
    expect(text).not.toContain(PASSWORD);
    // Every line of the block fits a mail line.
    expect(Math.max(...text.split('\n').filter((l) => /^[A-Za-z0-9+/]+$/.test(l)).map((l) => l.length))).toBeLessThanOrEqual(64);
  });

  it('round trip: the same values, codes, severities, texts and test summary come back', () => {
    const r = expectOk(parseReport(report()));
    expect(r.form).toEqual(input().values);
    expect(r.pw).toBe(true);
    expect(r.at).toBe('2026-11-30T20:00:00.000Z');
    expect(r.page).toBe('https://app.perfectview.nl/instellingen/mail');
    expect(r.findings).toEqual(findings.map((f) => ({ code: f.code, severity: f.severity, text: f.text })));
    expect(r.probe).toMatchObject({ ok: false, host: 'smtp.office365.com', port: 465, ms: 1234, portMode: 'starttls', recommended: 'tls', codes: ['port-expects-starttls'] });
    expect(r.probe!.steps).toEqual([
      { step: 'resolve', status: 'ok', ms: 3 },
      { step: 'connect', status: 'ok', ms: 20 },
      { step: 'greeting', status: 'fail', ms: 1000, code: 'ETIMEDOUT' },
    ]);
  });

  it('round trip in English, with the probe report given instead of its line, and ip-whitelist without password', () => {
    const values = { host: 'mail.klant.nl', port: 25, encryption: 'tls', authMethod: 'ip-whitelist' };
    const text = report({ probe: undefined, probeReport, values, passwordFilled: false, findings: [], lang: 'en' }, en);
    expect(text).toContain('Hostnaam');
    expect(text).toContain(`Server test: ${probeSummary(probeReport)}`);
    const r = expectOk(parseReport(text));
    expect(r.form).toEqual(values);
    expect(r.lang).toBe('en');
    expect(r.findings).toEqual([]);
    expect(r.probe).toEqual(parseProbeSummary(probeSummary(probeReport)));
  });

  it('a password put on the values object by mistake never reaches the block', () => {
    const values = { ...input().values, password: PASSWORD } as ReportInput['values'];
    const text = report({ values });
    expect(text).not.toContain(PASSWORD);
    const body = text.split('-----BEGIN')[1]!.split('-----END')[0]!.replace(/[^A-Za-z0-9+/]/g, '').replace(/^.*?v1-----/, '');
    expect(JSON.stringify(expectOk(parseReport(text)))).not.toContain(PASSWORD);
    expect(Buffer.from(body.slice(body.indexOf('ey')), 'base64').toString()).not.toContain(PASSWORD);
  });

  it('parseProbeSummary reads probeSummary back', () => {
    expect(parseProbeSummary(probeSummary(probeReport))).toEqual({
      ok: false,
      host: 'smtp.office365.com',
      port: 465,
      ms: 1234,
      steps: [
        { step: 'resolve', status: 'ok', ms: 3 },
        { step: 'connect', status: 'ok', ms: 20 },
        { step: 'greeting', status: 'fail', ms: 1000, code: 'ETIMEDOUT' },
      ],
      portMode: 'starttls',
      recommended: 'tls',
      codes: ['port-expects-starttls'],
    });
    expect(parseProbeSummary(probeSummary({ ...probeReport, steps: [], findings: [], detected: { portMode: 'unreachable' } }))).toMatchObject({ steps: [], codes: [], portMode: 'unreachable' });
    expect(parseProbeSummary('not a summary')).toBeUndefined();
  });
});

describe('what mail does to it', () => {
  const base = report();
  const expected = expectOk(parseReport(base));
  it.each([
    ['as is', base],
    ['inside a mail with a signature', MAIL(base)],
    ['quoted "> "', quote(MAIL(base))],
    ['quoted twice "> > "', quote(quote(MAIL(base)))],
    ['quoted ">>" without spaces', quote(quote(MAIL(base), '>'), '>')],
    ['with CRLF', MAIL(base).replace(/\n/g, '\r\n')],
    ['quoted with CRLF', quote(MAIL(base)).replace(/\n/g, '\r\n')],
    ['rewrapped at 40 (hard breaks inside the base64 lines)', rewrap(MAIL(base), 40)],
    ['rewrapped at 30 and then quoted', quote(rewrap(MAIL(base), 30))],
    ['quoted, then rewrapped at 50 (continuations without ">")', rewrap(quote(MAIL(base)), 50)],
    ['indented by a mail client', MAIL(base).split('\n').map((l) => `    ${l}`).join('\n')],
    ['with trailing spaces and non-breaking spaces', MAIL(base).split('\n').map((l) => `${l} \u00a0`).join('\n')],
    ['lines joined by format=flowed (END on the last base64 line)', base.replace(/\n(-----END)/, '$1')],
    ['the marker rewrapped at its spaces', base.replace('BEGIN MAILSERVER-ASSISTENT RAPPORT', 'BEGIN\n> MAILSERVER-\n> ASSISTENT\nRAPPORT')],
    ['a top-posted reply above it', `Zie onder.\n\nOp ma 30 nov schreef Jan:\n${quote(base)}`],
  ])('%s', (_, text) => {
    const r = expectOk(parseReport(text));
    expect(r).toEqual(expected);
  });
});

/** The block's base64 characters and its END line, to build broken variants from. */
const parts = (text: string) => {
  const m = /(-----BEGIN[^\n]*-----\n)([\s\S]*?)\n(-----END MAILSERVER-ASSISTENT RAPPORT (\d+) ([0-9a-f]{8})-----)/.exec(text)!;
  return { head: text.slice(0, m.index) + m[1], body: m[2]!, end: m[3]!, length: Number(m[4]), crc: m[5]!, tail: text.slice(m.index + m[0].length) };
};
/** A block with a valid length and checksum around any JSON: what someone who knows the format can make. */
const forged = (payload: unknown, version = 1) => {
  const json = JSON.stringify(payload);
  const bytes = new TextEncoder().encode(json);
  const b64 = toBase64(bytes);
  return `-----BEGIN MAILSERVER-ASSISTENT RAPPORT v${version}-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END MAILSERVER-ASSISTENT RAPPORT ${b64.length} ${crc32(bytes).toString(16).padStart(8, '0')}-----`;
};

describe('bad input: a clear problem, never a throw, never values', () => {
  const base = report();
  const p = parts(base);
  const good = expectOk(parseReport(base));
  /** The block's content as written (the test's summary as its line). */
  const wire: ReportPayloadV1 = { ...good, probe: probeSummary(probeReport) } as ReportPayloadV1;
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

  it.each<[string, unknown, Record<string, unknown>]>([
    ['nothing', '', { kind: 'empty' }],
    ['only spaces', ' \n\t ', { kind: 'empty' }],
    ['not a string', 42, { kind: 'empty' }],
    ['undefined', undefined, { kind: 'empty' }],
    ['far too long', 'x'.repeat(MAX_REPORT_CHARS + 1), { kind: 'too-large' }],
    ['an ordinary mail', 'Hallo, de mail werkt niet meer sinds gisteren. Groet, Jan', { kind: 'foreign' }],
    ['a PGP message', '-----BEGIN PGP MESSAGE-----\nhQEMA1234\n-----END PGP MESSAGE-----', { kind: 'foreign' }],
    ['JSON', JSON.stringify(wire), { kind: 'foreign' }],
    ['the human part only (block cut off)', base.split('Voor support')[0], { kind: 'no-block' }],
    ['an English human part only', report({}, en).split('Voor support')[0], { kind: 'no-block' }],
    ['cut after the BEGIN line', base.slice(0, base.indexOf('-----END')), { kind: 'truncated', missing: 'end' }],
    ['cut in the middle of the base64', base.slice(0, base.indexOf('-----BEGIN') + 120), { kind: 'truncated', missing: 'end' }],
    ['the start missing', base.slice(base.indexOf('-----BEGIN') + 20), { kind: 'truncated', missing: 'begin' }],
    ['one base64 line lost', p.head + p.body.split('\n').slice(1).join('\n') + '\n' + p.end, { kind: 'truncated', missing: 'body', chars: 64 }],
    ['one character changed', p.head + flip(p.body, 10) + '\n' + p.end, { kind: 'damaged', reason: 'checksum' }],
    ['the checksum changed', p.head + p.body + '\n' + p.end.replace(p.crc, p.crc === '00000000' ? '00000001' : '00000000'), { kind: 'damaged', reason: 'checksum' }],
    ['quoted-printable left in ("=3D", soft breaks)', p.head + p.body.replace(/\n/g, '=\n').replace(/A/, '=3DA') + '\n' + p.end, { kind: 'damaged', reason: 'extra' }],
    ['words inserted inside the block', p.head + p.body + '\nGroeten Jan\n' + p.end, { kind: 'damaged', reason: 'extra' }],
    ['a newer version', base.replace('RAPPORT v1', 'RAPPORT v2'), { kind: 'version', version: 2 }],
    ['version 0', base.replace('RAPPORT v1', 'RAPPORT v0'), { kind: 'invalid', field: 'version' }],
    ['a forged block that is not JSON', forged('x').replace(/[A-Za-z0-9+/]+\n-----END/, (m) => m), { kind: 'invalid', field: 'root' }],
    ['a forged block with a backend URL', forged({ ...wire, backendUrl: 'https://evil.example' }), { kind: 'not-allowed', fields: ['backendUrl'] }],
    ['a forged block with a password', forged({ ...wire, form: { ...wire.form, password: 'x' } }), { kind: 'not-allowed', fields: ['form.password'] }],
    ['a forged block with a preset to apply', forged({ ...wire, preset: 'gmail', apply: true }), { kind: 'not-allowed', fields: ['preset', 'apply'] }],
    ['a forged block with another unknown field', forged({ ...wire, colour: 'red' }), { kind: 'invalid', field: 'colour' }],
    ['a forged block with a wrong type', forged({ ...wire, pw: 'yes' }), { kind: 'invalid', field: 'pw' }],
    ['a forged block with a bad finding code', forged({ ...wire, findings: [{ code: '<img src=x>', severity: 'error' }] }), { kind: 'invalid', field: 'findings.0.code' }],
    ['a forged block claiming version 3 inside', forged({ ...wire, v: 3 }), { kind: 'version', version: 3 }],
    ['a forged array', forged([1, 2]), { kind: 'invalid', field: 'root' }],
    ['invalid UTF-8 with a matching checksum', (() => {
      const bytes = Uint8Array.from([0xff, 0xfe, 0x7b]);
      const b64 = toBase64(bytes);
      return `-----BEGIN MAILSERVER-ASSISTENT RAPPORT v1-----\n${b64}\n-----END MAILSERVER-ASSISTENT RAPPORT ${b64.length} ${crc32(bytes).toString(16).padStart(8, '0')}-----`;
    })(), { kind: 'damaged', reason: 'encoding' }],
    ['an impossible base64 length', '-----BEGIN MAILSERVER-ASSISTENT RAPPORT v1-----\nABCDE\n-----END MAILSERVER-ASSISTENT RAPPORT 5 00000000-----', { kind: 'damaged', reason: 'encoding' }],
    ['two blocks, the first without its END', p.head + p.body.slice(0, 50) + '\n\n' + base, { kind: 'truncated', missing: 'end' }],
  ])('%s', (_, text, problem) => {
    let r: ParseResult | undefined;
    expect(() => (r = parseReport(text))).not.toThrow();
    expect(r).toEqual({ ok: false, problem });
    expect(r).not.toHaveProperty('report');
  });

  it('a summary line that does not parse is kept as a line, not dropped and not guessed at', () => {
    const r = expectOk(parseReport(forged({ ...wire, probe: 'OK somewhere, all fine' })));
    expect(r.probe).toBeUndefined();
    expect(r.probeLine).toBe('OK somewhere, all fine');
  });

  it('two complete reports: the first is opened and the count is given', () => {
    const other = report({ values: { host: 'mail.b.nl', port: 587, encryption: 'tls', authMethod: 'ip-whitelist' } });
    const r = parseReport(`${base}\n\n${quote(other)}`);
    expect(r.ok && r.blocks).toBe(2);
    expect(r.ok && r.report.form.host).toBe('smtp.office365.com');
  });

  it('random damage never throws and never gives values that differ from the original', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let i = 0; i < 400; i++) {
      const at = rnd(base.length);
      const mode = rnd(3);
      const text = mode === 0 ? base.slice(0, at) + base.slice(at + 1 + rnd(5)) : mode === 1 ? base.slice(0, at) + String.fromCharCode(33 + rnd(90)) + base.slice(at) : base.slice(0, at);
      const r = parseReport(text);
      if (r.ok) expect(r.report).toEqual(good); // damage outside the block (the human part) is harmless
    }
  });
});

it('a block built by encodeBlock directly parses (the format has one definition)', () => {
  const payload: ReportPayloadV1 = { v: 1, at: '2026-01-01T00:00:00.000Z', form: {}, pw: false, findings: [] };
  expect(expectOk(parseReport(encodeBlock(payload)))).toEqual(payload);
});
