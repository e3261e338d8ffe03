import { describe, expect, it } from 'vitest';
import { checkSettings, OFFICE365_BASIC_AUTH_OFF } from './rules';
import { looksLikeGoogleAppPassword } from './password';
import { parseCrmRange, parseSenderDomains, rangeSnippets } from './crm-range';
import { detectProvider, mxProviderDomain } from './provider-detect';
import { SETTINGS_FINDING_CODES, type Finding, type FindingCode } from './findings';
import { draftToSettings, type SettingsDraft } from './settings';

/** A configuration that should give no findings at all: own relay, 587, TLS, service account. */
const GOOD: SettingsDraft = {
  host: 'mail.example.nl',
  port: 587,
  encryption: 'tls',
  authMethod: 'password',
  username: 'crm@example.nl',
  password: 'correct horse battery staple',
  mode: 'relay',
};
const with_ = (patch: Partial<SettingsDraft>): SettingsDraft => ({ ...GOOD, ...patch });
const codes = (fs: Finding[]) => fs.map((f) => f.code);
const BEFORE = { now: new Date('2026-06-01T00:00:00Z') };
const AFTER = { now: new Date('2027-02-01T00:00:00Z') };

interface Case {
  name: string;
  run: () => Finding[];
}
type Table = Record<FindingCode, { trigger: Case[]; quiet: Case[] }>;
const settings = (name: string, draft: SettingsDraft, ctx = BEFORE): Case => ({ name, run: () => checkSettings(draft, ctx) });
const range = (name: string, input: string): Case => ({ name, run: () => parseCrmRange(input).findings });

/**
 * For every settings finding code: cases that must produce it, and near-misses that must not.
 * The convention test below fails when a code in SETTINGS_FINDING_CODES has no entry here.
 */
const TABLE: Partial<Table> = {
  'host-invalid': {
    trigger: [
      settings('empty host', with_({ host: '' })),
      settings('missing host', with_({ host: undefined })),
      settings('port suffix', with_({ host: 'smtp.example.com:587' })),
      settings('scheme', with_({ host: 'http://x' })),
      settings('CR/LF', with_({ host: 'smtp.example.com\r\nRCPT TO:<x@y>' })),
      settings('space', with_({ host: 'smtp example.com' })),
      settings('single label', with_({ host: 'localhost' })),
      settings('hex ip', with_({ host: '0x7f.1' })),
    ],
    quiet: [settings('name', GOOD), settings('ipv4', with_({ host: '203.0.113.10' })), settings('ipv6', with_({ host: '[2001:db8::1]' })), settings('IDN', with_({ host: 'mail.bücher.de' }))],
  },
  'port-invalid': {
    trigger: [settings('0', with_({ port: 0 })), settings('70000', with_({ port: 70000 })), settings('empty', with_({ port: '' })), settings('text', with_({ port: '58 7' })), settings('fraction', with_({ port: 587.5 }))],
    quiet: [settings('587', GOOD), settings('"465" as text', with_({ port: ' 465 ', encryption: 'ssl' })), settings('65535', with_({ port: 65535 }))],
  },
  'port-nonstandard': {
    trigger: [settings('2526', with_({ port: 2526 }))],
    quiet: [settings('2525', with_({ port: 2525 })), settings('587', GOOD)],
  },
  'encryption-invalid': {
    trigger: [settings('missing', with_({ encryption: undefined })), settings('unknown', with_({ encryption: 'starttls' }))],
    quiet: [settings('tls', GOOD)],
  },
  'auth-invalid': {
    trigger: [settings('missing', with_({ authMethod: undefined })), settings('unknown', with_({ authMethod: 'oauth' }))],
    quiet: [settings('password', GOOD), settings('whitelist', with_({ authMethod: 'ip-whitelist' }))],
  },
  'port-encryption-mismatch': {
    trigger: [settings('465 + tls', with_({ port: 465 })), settings('465 + none', with_({ port: 465, encryption: 'none' })), settings('587 + ssl', with_({ encryption: 'ssl' })), settings('25 + ssl', with_({ port: 25, encryption: 'ssl' }))],
    quiet: [settings('465 + ssl', with_({ port: 465, encryption: 'ssl' })), settings('587 + tls', GOOD), settings('2525 + ssl', with_({ port: 2525, encryption: 'ssl' }))],
  },
  unencrypted: {
    trigger: [settings('none', with_({ encryption: 'none' }))],
    quiet: [settings('tls', GOOD), settings('tls-if-available', with_({ encryption: 'tls-if-available' }))],
  },
  'port-25': {
    trigger: [settings('25 with a login', with_({ port: 25 })), settings('25 with a login on smtp.office365.com', with_({ host: 'smtp.office365.com', username: 'a@b.nl', port: 25 }))],
    quiet: [
      settings('587', GOOD),
      settings('Microsoft 365 MX endpoint', with_({ host: 'contoso-com.mail.protection.outlook.com', port: 25, authMethod: 'ip-whitelist' })),
      settings('Microsoft 365 mx.microsoft endpoint', with_({ host: 'contoso-com.o-v1.mx.microsoft', port: 25, authMethod: 'password' })),
      settings('smtp-relay.gmail.com', with_({ host: 'smtp-relay.gmail.com', port: 25, authMethod: 'ip-whitelist' })),
      settings('smtp-relay.gmail.com with a login', with_({ host: 'smtp-relay.gmail.com', port: 25 })),
      settings('an allowlisted relay', with_({ port: 25, authMethod: 'ip-whitelist' })),
    ],
  },
  'tls-downgradable': {
    trigger: [settings('tls-if-available', with_({ encryption: 'tls-if-available' }))],
    quiet: [settings('tls', GOOD)],
  },
  'username-required': {
    trigger: [settings('empty', with_({ username: '' })), settings('spaces', with_({ username: '   ' })), settings('missing', with_({ username: undefined }))],
    quiet: [settings('given', GOOD), settings('whitelist needs none', with_({ authMethod: 'ip-whitelist', username: '' }))],
  },
  'password-required': {
    trigger: [settings('empty', with_({ password: '' }))],
    quiet: [settings('given', GOOD), settings('not loaded yet (session storage)', with_({ password: undefined })), settings('whitelist', with_({ authMethod: 'ip-whitelist', password: '' }))],
  },
  'credentials-invalid': {
    trigger: [settings('newline in username', with_({ username: 'crm@example.nl\n' })), settings('NUL in password', with_({ password: 'pw\u0000x' }))],
    quiet: [settings('plain', GOOD), settings('spaces in password are fine', with_({ password: 'a b c' }))],
  },
  'username-full-address': {
    trigger: [
      settings('Office 365 without @', with_({ host: 'smtp.office365.com', username: 'jan' })),
      settings('Gmail without @', with_({ host: 'smtp.gmail.com', username: 'jan' })),
      settings('KPN without @', with_({ host: 'smtp.kpnmail.nl', username: 'jan' })),
    ],
    quiet: [
      settings('Office 365 with address', with_({ host: 'smtp.office365.com', username: 'jan@example.nl' })),
      settings('own server, short name', with_({ username: 'crm' })),
      settings('ZeelandNet wants the part before the @', with_({ host: 'mail.zeelandnet.nl', port: 465, encryption: 'ssl', username: 'jan' })),
    ],
  },
  'username-local-part': {
    trigger: [settings('ZeelandNet with the full address', with_({ host: 'mail.zeelandnet.nl', port: 465, encryption: 'ssl', username: 'jan@zeelandnet.nl' }))],
    quiet: [settings('ZeelandNet with the local part', with_({ host: 'mail.zeelandnet.nl', port: 465, encryption: 'ssl', username: 'jan' })), settings('Office 365 with the full address', with_({ host: 'smtp.office365.com', username: 'jan@example.nl' }))],
  },
  'gmail-app-password': {
    trigger: [
      settings('normal password', with_({ host: 'smtp.gmail.com', username: 'a@gmail.com', password: 'Summer2025!' })),
      settings('app password (shown whenever Gmail is chosen)', with_({ host: 'smtp.gmail.com', username: 'a@gmail.com', password: 'abcd efgh ijkl mnop' })),
      settings('no password typed yet', with_({ host: 'smtp.gmail.com', username: 'a@gmail.com', password: undefined })),
    ],
    quiet: [settings('other host', with_({ password: 'Summer2025!' })), settings('Workspace relay', with_({ host: 'smtp-relay.gmail.com', authMethod: 'ip-whitelist' }))],
  },
  'gmail-from-rewrite': {
    trigger: [settings('Gmail, mailbox mode', with_({ host: 'smtp.gmail.com', username: 'a@gmail.com', mode: 'mailbox' })), settings('Gmail, relay mode', with_({ host: 'smtp.gmail.com', username: 'a@gmail.com' }))],
    quiet: [settings('Workspace relay', with_({ host: 'smtp-relay.gmail.com', authMethod: 'ip-whitelist' })), settings('own server', GOOD)],
  },
  'zoho-pro': {
    trigger: [settings('smtppro.zoho.com', with_({ host: 'smtppro.zoho.com', username: 'a@b.nl' })), settings('smtppro.zoho.eu', with_({ host: 'smtppro.zoho.eu', username: 'a@b.nl' }))],
    quiet: [settings('smtp.zoho.com', with_({ host: 'smtp.zoho.com', username: 'a@zoho.com' }))],
  },
  'azure-smtp': {
    trigger: [settings('smtp.azurecomm.net', with_({ host: 'smtp.azurecomm.net', username: 'res.app.tenant' }))],
    quiet: [settings('Office 365', with_({ host: 'smtp.office365.com', username: 'a@b.nl' }))],
  },
  'whitelist-login-only': {
    trigger: [
      settings('smtp.office365.com', with_({ host: 'smtp.office365.com', authMethod: 'ip-whitelist' })),
      settings('smtp.gmail.com', with_({ host: 'smtp.gmail.com', authMethod: 'ip-whitelist' })),
      settings('KPN', with_({ host: 'smtp.kpnmail.nl', authMethod: 'ip-whitelist' })),
    ],
    quiet: [
      settings('Workspace relay', with_({ host: 'smtp-relay.gmail.com', authMethod: 'ip-whitelist' })),
      settings('own server', with_({ authMethod: 'ip-whitelist' })),
      settings('unverified preset (hosting may differ)', with_({ host: 'smtp.hostnet.nl', authMethod: 'ip-whitelist' })),
      settings('Gmail with a login', with_({ host: 'smtp.gmail.com', username: 'a@gmail.com' })),
    ],
  },
  'host-incoming': {
    trigger: [
      settings('Microsoft IMAP host', with_({ host: 'outlook.office365.com' })),
      settings('imap. of an own domain', with_({ host: 'imap.bakkerij-jansen.nl' })),
      settings('pop3.', with_({ host: 'pop3.example.org' })),
    ],
    quiet: [settings('own server', GOOD), settings('smtp.office365.com', with_({ host: 'smtp.office365.com', username: 'a@b.nl' })), settings('a host merely containing imap', with_({ host: 'mail.imapx.nl' }))],
  },
  'app-password': {
    trigger: [settings('iCloud', with_({ host: 'smtp.mail.me.com', username: 'a@icloud.com' })), settings('Yahoo', with_({ host: 'smtp.mail.yahoo.com', port: 465, encryption: 'ssl' }))],
    quiet: [settings('own server', GOOD), settings('Gmail has its own code', with_({ host: 'smtp.gmail.com', username: 'a@gmail.com', password: 'abcdefghijklmnop' }))],
  },
  'gmail-relay-domain': {
    trigger: [settings('smtp-relay', with_({ host: 'smtp-relay.gmail.com', authMethod: 'ip-whitelist' })), settings('smtp-relay with a login', with_({ host: 'smtp-relay.gmail.com' }))],
    quiet: [settings('smtp.gmail.com', with_({ host: 'smtp.gmail.com', username: 'a@gmail.com', password: 'abcdefghijklmnop' }))],
  },
  'office365-smtp-auth': {
    trigger: [settings('Office 365 password', with_({ host: 'smtp.office365.com' }))],
    quiet: [settings('own server', GOOD), settings('Office 365 whitelist', with_({ host: 'smtp.office365.com', authMethod: 'ip-whitelist' }))],
  },
  'office365-port-465': {
    trigger: [settings('465', with_({ host: 'smtp.office365.com', port: 465, encryption: 'ssl' }))],
    quiet: [settings('587', with_({ host: 'smtp.office365.com' })), settings('465 elsewhere', with_({ port: 465, encryption: 'ssl' }))],
  },
  'office365-basic-auth-retirement': {
    trigger: [settings('before the switch', with_({ host: 'smtp.office365.com' }), BEFORE), settings('after the switch', with_({ host: 'smtp.office365.com' }), AFTER)],
    quiet: [settings('own server', GOOD)],
  },
  'office365-direct-send': {
    trigger: [
      settings('MX endpoint', with_({ host: 'contoso-com.mail.protection.outlook.com', port: 25, authMethod: 'ip-whitelist' })),
      settings('mx.microsoft endpoint', with_({ host: 'contoso-com.o-v1.mx.microsoft', port: 25, authMethod: 'ip-whitelist' })),
    ],
    quiet: [settings('SMTP AUTH', with_({ host: 'smtp.office365.com' })), settings('look-alike', with_({ host: 'mail.protection.outlook.com.evil.example', authMethod: 'ip-whitelist' }))],
  },
  'oauth-only': {
    trigger: [settings('Outlook.com', with_({ host: 'smtp-mail.outlook.com', username: 'a@outlook.com' }))],
    quiet: [settings('Office 365', with_({ host: 'smtp.office365.com' }))],
  },
  'whitelist-needs-relay': {
    trigger: [settings('mailbox + whitelist', with_({ mode: 'mailbox', authMethod: 'ip-whitelist' }))],
    quiet: [settings('relay + whitelist', with_({ authMethod: 'ip-whitelist' })), settings('mailbox + password', with_({ mode: 'mailbox' }))],
  },
  'mailbox-send-as': {
    trigger: [settings('mailbox', with_({ mode: 'mailbox' }))],
    quiet: [settings('relay', GOOD), settings('mailbox + whitelist is another error', with_({ mode: 'mailbox', authMethod: 'ip-whitelist' }))],
  },
  'mailbox-new-user': {
    trigger: [settings('mailbox', with_({ mode: 'mailbox' }))],
    quiet: [settings('relay', GOOD)],
  },
  'crm-range-non-canonical': {
    trigger: [range('CRM default', '212.61.168.1/27'), range('host bits', '10.0.0.5/24')],
    quiet: [range('canonical', '212.61.168.0/27'), range('/32', '212.61.168.7/32')],
  },
  'crm-range-invalid': {
    trigger: [range('empty', ''), range('ipv6', '2001:db8::/32'), range('no prefix', '212.61.168.1'), range('/33', '1.2.3.4/33'), range('octal', '010.1.1.1/8'), range('words', 'de hele wereld')],
    quiet: [range('default', '212.61.168.1/27'), range('spaces around', ' 212.61.168.0/27 ')],
  },
};

describe('finding table', () => {
  it('has trigger and quiet cases for every settings finding code', () => {
    const missing = SETTINGS_FINDING_CODES.filter((c) => !TABLE[c]?.trigger.length || !TABLE[c]?.quiet.length);
    expect(missing).toEqual([]);
  });

  for (const [code, { trigger, quiet }] of Object.entries(TABLE) as [FindingCode, { trigger: Case[]; quiet: Case[] }][]) {
    describe(code, () => {
      it.each(trigger.map((c) => [c.name, c] as const))('triggers: %s', (_, c) => expect(codes(c.run())).toContain(code));
      it.each(quiet.map((c) => [c.name, c] as const))('stays quiet: %s', (_, c) => expect(codes(c.run())).not.toContain(code));
    });
  }

  it('gives no findings at all for a good relay configuration', () => {
    expect(checkSettings(GOOD)).toEqual([]);
  });
});

describe('variants and fixes', () => {
  const find = (draft: SettingsDraft, code: FindingCode, ctx = BEFORE) => checkSettings(draft, ctx).find((f) => f.code === code);

  it('Office 365 on 465 with TLS: one finding, one fix to 587 + TLS (never "Gebruik SSL")', () => {
    const fs = checkSettings(with_({ host: 'smtp.office365.com', port: 465 }), BEFORE);
    const fixes = fs.filter((f) => f.fix).map((f) => f.fix);
    expect(fixes).toEqual([{ port: 587, encryption: 'tls' }]);
    expect(codes(fs)).toContain('office365-port-465');
    expect(codes(fs)).not.toContain('port-encryption-mismatch');
  });
  it('Gmail on 465 with TLS: the fix keeps "Gebruik TLS" and moves to 587, the port the page recommends', () => {
    expect(find(with_({ host: 'smtp.gmail.com', port: 465, username: 'a@gmail.com' }), 'port-encryption-mismatch')?.fix).toEqual({ port: 587 });
  });
  it('ZeelandNet: the full address gets a fix to the part before the @', () => {
    expect(find(with_({ host: 'mail.zeelandnet.nl', port: 465, encryption: 'ssl', username: 'jan@zeelandnet.nl' }), 'username-local-part')?.fix).toEqual({ username: 'jan' });
  });
  it('a password given as its state gives the same findings as the password itself', () => {
    for (const password of ['', 'abcd efgh ijkl mnop', 'Summer2025!', 'a\u0001b', undefined]) {
      const draft = with_({ host: 'smtp.gmail.com', username: 'a@gmail.com', password });
      const { password: _p, ...rest } = draft;
      const state = password === undefined ? 'absent' : password === '' ? 'empty' : /\u0001/.test(password) ? 'control' : password.includes('Summer') ? 'other' : 'app-password-like';
      expect(checkSettings({ ...rest, passwordState: state })).toEqual(checkSettings(draft));
    }
  });
  it('port 465 with TLS: fix is "Gebruik SSL"', () => {
    expect(find(with_({ port: 465 }), 'port-encryption-mismatch')).toMatchObject({ variant: 'needs-ssl', field: 'encryption', fix: { encryption: 'ssl' }, params: { port: 465 } });
  });
  it('SSL on 587: fix is "Gebruik TLS"', () => {
    expect(find(with_({ encryption: 'ssl' }), 'port-encryption-mismatch')).toMatchObject({ variant: 'needs-tls', fix: { encryption: 'tls' } });
  });
  it('no encryption: fix follows the port', () => {
    expect(find(with_({ encryption: 'none' }), 'unencrypted')?.fix).toEqual({ encryption: 'tls' });
    expect(find(with_({ encryption: 'none', port: 465 }), 'unencrypted')?.fix).toEqual({ encryption: 'ssl' });
  });
  it('no encryption is an error with a password, a warning with IP whitelisting', () => {
    expect(find(with_({ encryption: 'none' }), 'unencrypted')?.severity).toBe('error');
    expect(find(with_({ encryption: 'none', authMethod: 'ip-whitelist' }), 'unencrypted')?.severity).toBe('warning');
  });
  it('port 25 and Office 365 465 point to 587 + TLS', () => {
    expect(find(with_({ port: 25 }), 'port-25')?.fix).toEqual({ port: 587, encryption: 'tls' });
    expect(find(with_({ host: 'smtp.office365.com', port: 465, encryption: 'ssl' }), 'office365-port-465')?.fix).toEqual({ port: 587, encryption: 'tls' });
  });
  it('downgradable TLS and whitelist-in-mailbox have one-click fixes', () => {
    expect(find(with_({ encryption: 'tls-if-available' }), 'tls-downgradable')?.fix).toEqual({ encryption: 'tls' });
    expect(find(with_({ mode: 'mailbox', authMethod: 'ip-whitelist' }), 'whitelist-needs-relay')?.fix).toEqual({ mode: 'relay' });
  });
  it('basic-auth retirement text depends on the date', () => {
    const o365 = with_({ host: 'smtp.office365.com' });
    expect(find(o365, 'office365-basic-auth-retirement', BEFORE)?.variant).toBe('before');
    expect(find(o365, 'office365-basic-auth-retirement', AFTER)?.variant).toBe('after');
    expect(find(o365, 'office365-basic-auth-retirement', { now: OFFICE365_BASIC_AUTH_OFF })?.variant).toBe('after');
  });
  it('the MX endpoint gets the Direct Send warning, whitelisting on smtp.office365.com the login-only error', () => {
    expect(find(with_({ host: 'contoso-com.mail.protection.outlook.com', port: 25, authMethod: 'ip-whitelist' }), 'office365-direct-send')?.severity).toBe('warning');
    expect(find(with_({ host: 'smtp.office365.com', authMethod: 'ip-whitelist' }), 'whitelist-login-only')).toMatchObject({ variant: 'office365', severity: 'error' });
    expect(find(with_({ host: 'smtp.gmail.com', authMethod: 'ip-whitelist' }), 'whitelist-login-only')).toMatchObject({ variant: 'gmail', severity: 'error' });
  });
  it('Workspace relay: the variant follows the login choice', () => {
    expect(find(with_({ host: 'smtp-relay.gmail.com', authMethod: 'ip-whitelist' }), 'gmail-relay-domain')?.variant).toBe('ip');
    expect(find(with_({ host: 'smtp-relay.gmail.com' }), 'gmail-relay-domain')?.variant).toBe('auth');
  });
  it('port-invalid names the field and tells empty from out of range', () => {
    expect(find(with_({ port: '' }), 'port-invalid')).toMatchObject({ field: 'port', variant: 'empty' });
    expect(find(with_({ port: 70000 }), 'port-invalid')).toMatchObject({ field: 'port', variant: 'range', params: { value: '70000' } });
  });
});

describe('bad settings from the issue: the named finding, never an exception', () => {
  it.each([
    ['', 'empty'],
    ['smtp.example.com:587', 'port-suffix'],
    ['http://x', 'scheme'],
    ['smtp.example.com\r\n', 'control'],
    ['smtp.exa\nmple.com', 'control'],
  ])('host %j → host-invalid.%s', (host, variant) => {
    const f = checkSettings(with_({ host })).find((x) => x.code === 'host-invalid');
    expect(f).toMatchObject({ field: 'host', severity: 'error', variant });
  });
  it.each([0, 70000, -1, 65536])('port %j → port-invalid', (port) => {
    expect(checkSettings(with_({ port })).find((x) => x.code === 'port-invalid')).toMatchObject({ field: 'port', severity: 'error' });
  });
  it('an empty draft gives one finding per missing field', () => {
    expect(codes(checkSettings({})).sort()).toEqual(['auth-invalid', 'encryption-invalid', 'host-invalid', 'port-invalid']);
  });
});

describe('fuzz: random values in every field never throw', () => {
  // A small deterministic PRNG so a failure is reproducible.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const randomString = () => Array.from({ length: Math.floor(rnd() * 40) }, () => String.fromCharCode(Math.floor(rnd() * 0x3000))).join('');
  const weird: unknown[] = [
    undefined, null, 0, -1, NaN, Infinity, 1e21, true, {}, [], ['smtp.x.nl'], { toString: () => 'x' }, Object.create(null),
    Symbol('s'), () => 1, 10n, '', ' ', '\u0000', 'smtp.gmail.com', 'smtp.office365.com', '465', 'tls', 'password', 'mailbox',
  ];
  const value = () => (rnd() < 0.5 ? randomString() : pick(weird));
  const FIELDS = ['host', 'port', 'encryption', 'authMethod', 'username', 'password', 'mode'] as const;

  it('checkSettings survives 3000 random drafts', () => {
    for (let i = 0; i < 3000; i++) {
      const draft = Object.fromEntries(FIELDS.map((k) => [k, value()])) as unknown as SettingsDraft;
      expect(() => checkSettings(draft)).not.toThrow();
    }
  });
  it('checkSettings survives random password states and fixes; every finding names a known code', () => {
    for (let i = 0; i < 1000; i++) {
      const draft = { ...Object.fromEntries(FIELDS.map((k) => [k, value()])), passwordState: value() } as unknown as SettingsDraft;
      const out = checkSettings(draft);
      for (const f of out) expect(SETTINGS_FINDING_CODES as readonly string[]).toContain(f.code);
    }
  });
  it('the provider look-ups, sender domains and snippets survive random input', () => {
    for (let i = 0; i < 2000; i++) {
      const v = value();
      expect(() => detectProvider({ email: v, host: value(), mx: [value(), v] } as never)).not.toThrow();
      expect(() => mxProviderDomain(typeof v === 'string' ? v : '')).not.toThrow();
      const parsed = parseSenderDomains(v);
      for (const f of parsed.findings) expect(f).toMatchObject({ code: 'domain-invalid', field: 'domain' });
      expect(() => rangeSnippets({ canonical: '212.61.168.0/27', first: '212.61.168.0', last: '212.61.168.31' }, { domains: parsed.domains })).not.toThrow();
    }
  });
  it('checkSettings survives a draft that is not an object', () => {
    for (const d of [null, undefined, 'x', 1, []]) expect(() => checkSettings(d as unknown as SettingsDraft)).not.toThrow();
  });
  it('parseCrmRange survives random input', () => {
    for (let i = 0; i < 2000; i++) expect(() => parseCrmRange(value())).not.toThrow();
  });
});

describe('helpers', () => {
  it('a Google app password is 16 letters, with or without the spaces Google shows', () => {
    expect(looksLikeGoogleAppPassword('abcd efgh ijkl mnop')).toBe(true);
    expect(looksLikeGoogleAppPassword('abcdefghijklmno')).toBe(false);
    expect(looksLikeGoogleAppPassword('abcd1234ijklmnop')).toBe(false);
  });
});

describe('schema and rules agree', () => {
  it('a username of only spaces fails draftToSettings as it gives username-required', () => {
    expect(draftToSettings(with_({ username: '   ' }))).toEqual({ ok: false, fields: ['auth.username'] });
    expect(draftToSettings(GOOD)).toMatchObject({ ok: true });
  });
  it('draftToSettings names the fields that stop it, for the bad settings from the issue', () => {
    expect(draftToSettings(with_({ host: 'smtp.example.com:587' }))).toEqual({ ok: false, fields: ['host'] });
    expect(draftToSettings(with_({ port: 70000 }))).toEqual({ ok: false, fields: ['port'] });
    expect(draftToSettings(with_({ port: '0' }))).toEqual({ ok: false, fields: ['port'] });
    expect(draftToSettings(with_({ host: 'a\r\nb.nl' }))).toEqual({ ok: false, fields: ['host'] });
  });
});

describe('host-incoming', () => {
  it('offers the SMTP host as a one-click fix', () => {
    const f = checkSettings({ host: 'imap.bakkerij-jansen.nl', port: 587, encryption: 'tls', authMethod: 'ip-whitelist' }).find((x) => x.code === 'host-incoming');
    expect(f).toMatchObject({ severity: 'error', field: 'host', fix: { host: 'smtp.bakkerij-jansen.nl' }, params: { host: 'imap.bakkerij-jansen.nl', smtp: 'smtp.bakkerij-jansen.nl' } });
    // The fix knows the provider: Microsoft 365 takes 587 + TLS, not the IMAP port.
    expect(checkSettings({ host: 'outlook.office365.com', port: 993 }).find((x) => x.code === 'host-incoming')?.fix).toEqual({ host: 'smtp.office365.com', port: 587, encryption: 'tls' });
  });
});
