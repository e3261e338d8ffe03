import { describe, expect, it } from 'vitest';
import { PRESETS, presetById, detectProvider, presetToDraft, presetHost, hostFromDomain, type Preset } from './presets';
import { draftToSettings, ENCRYPTIONS } from './settings';
import { FINDING_CODES } from './findings';
import { checkSettings } from './rules';

const ids = (ps: { preset: Preset }[]) => ps.map((p) => p.preset.id);

describe('every preset', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s validates against SmtpSettings', (_, p) => {
    const draft = { ...presetToDraft(p, { email: 'beheer@example.nl', domain: 'example.nl' }), password: 'dummy-password' };
    if (p.usernameHint === 'service-account') draft.username = 'crm-service';
    const r = draftToSettings(draft);
    expect(r).toMatchObject({ ok: true });
    // The example host of a per-tenant preset must itself be valid, too.
    expect(draftToSettings({ ...draft, host: p.host })).toMatchObject({ ok: true });
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s is well-formed', (_, p) => {
    expect(p.source.trim().length).toBeGreaterThan(10);
    expect(p.name.trim()).not.toBe('');
    expect(p.modes.length).toBeGreaterThan(0);
    expect(ENCRYPTIONS).toContain(p.encryption);
    for (const code of p.notes) expect(FINDING_CODES).toContain(code);
    for (const d of p.domains) expect(d).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    // MX patterns are suffixes, so "evilgoogle.com" cannot match ".google.com".
    for (const m of p.mx) expect(m).toMatch(/^\.[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    if (p.authMethod === 'ip-whitelist') expect(p.modes).toEqual(['relay']);
    if (p.variantOf) expect(presetById(p.variantOf)).toBeDefined();
  });

  it('ids are unique and the three featured ones come first', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(PRESETS.filter((p) => p.featured).map((p) => p.id)).toEqual(['office365', 'gmail', 'google-workspace-relay']);
  });

  it('the port and encryption of every preset agree (no port-encryption-mismatch)', () => {
    for (const p of PRESETS) {
      const f = checkSettings({ ...presetToDraft(p, { email: 'a@example.nl' }), password: 'abcdabcdabcdabcd' });
      expect(f.map((x) => x.code), p.id).not.toContain('port-encryption-mismatch');
    }
  });

  it('a preset\'s notes are what the rules say about it', () => {
    for (const p of PRESETS) {
      const found = new Set(checkSettings({ ...presetToDraft(p, { email: 'a@example.nl' }), password: 'Summer2025!' }).map((f) => f.code));
      for (const n of p.notes) expect(found, `${p.id} note ${n}`).toContain(n);
    }
  });
});

describe('the required providers are in the table with the documented values', () => {
  it.each([
    ['office365', 'smtp.office365.com', 587, 'tls', 'password'],
    ['office365-connector', 'contoso-com.mail.protection.outlook.com', 25, 'tls', 'ip-whitelist'],
    ['gmail', 'smtp.gmail.com', 587, 'tls', 'password'],
    ['gmail-465', 'smtp.gmail.com', 465, 'ssl', 'password'],
    ['google-workspace-relay', 'smtp-relay.gmail.com', 587, 'tls', 'ip-whitelist'],
    ['outlook-com', 'smtp-mail.outlook.com', 587, 'tls', 'password'],
    ['icloud', 'smtp.mail.me.com', 587, 'tls', 'password'],
    ['yahoo', 'smtp.mail.yahoo.com', 465, 'ssl', 'password'],
    ['zoho', 'smtp.zoho.com', 587, 'tls', 'password'],
    ['zoho-eu', 'smtp.zoho.eu', 587, 'tls', 'password'],
    ['zoho-pro', 'smtppro.zoho.com', 587, 'tls', 'password'],
    ['zoho-pro-eu', 'smtppro.zoho.eu', 587, 'tls', 'password'],
    ['kpn', 'smtp.kpnmail.nl', 587, 'tls', 'password'],
    ['ziggo', 'smtp.ziggo.nl', 587, 'tls', 'password'],
    ['strato', 'smtp.strato.de', 587, 'tls', 'password'],
    ['one-com', 'send.one.com', 465, 'ssl', 'password'],
    ['transip', 'smtp.transip.email', 465, 'ssl', 'password'],
    ['hostnet', 'smtp.hostnet.nl', 587, 'tls', 'password'],
    ['antagonist', 'mail.antagonist.nl', 465, 'ssl', 'password'],
  ])('%s: %s %d %s %s', (id, host, port, encryption, authMethod) => {
    expect(presetById(id)).toMatchObject({ host, port, encryption, authMethod });
  });
  it('Outlook.com carries the oauth-only note; the connector the relay-connector caveat', () => {
    expect(presetById('outlook-com')?.notes).toContain('oauth-only');
    expect(presetById('office365-connector')?.notes).toContain('office365-relay-connector');
  });
  it('providers without a readable provider page are marked unverified', () => {
    expect(PRESETS.filter((p) => p.verified === false).map((p) => p.id).sort()).toEqual(['antagonist', 'hostnet', 'transip']);
  });
});

describe('hostFromDomain / presetHost', () => {
  it.each([
    ['contoso.com', 'contoso-com.mail.protection.outlook.com'],
    ['Contoso.COM.', 'contoso-com.mail.protection.outlook.com'],
    ['my-company.co.uk', 'my-company-co-uk.mail.protection.outlook.com'],
    ['sub.domain.org', 'sub-domain-org.mail.protection.outlook.com'],
  ])('%s → %s', (d, h) => expect(hostFromDomain(d)).toBe(h));
  it.each(['', 'localhost', 'a b.nl', 'x@y.nl', 'http://x.nl'])('%j has no MX host', (d) => expect(hostFromDomain(d)).toBeUndefined());

  const connector = presetById('office365-connector')!;
  it('the real MX record wins over the derived name (mx.microsoft hosts cannot be derived)', () => {
    expect(presetHost(connector, { domain: 'contoso.com', mx: ['contoso-com.a-v1.mx.microsoft.'] })).toBe('contoso-com.a-v1.mx.microsoft');
    expect(presetHost(connector, { domain: 'contoso.com', mx: ['mx.other.example'] })).toBe('contoso-com.mail.protection.outlook.com');
  });
  it('without domain or MX the host stays empty rather than a made-up tenant', () => {
    expect(presetHost(connector)).toBe('');
  });
  it('fixed presets ignore the context', () => {
    expect(presetHost(presetById('gmail')!, { domain: 'contoso.com' })).toBe('smtp.gmail.com');
  });
});

describe('presetToDraft', () => {
  it('fills the full address as username when the provider wants it', () => {
    expect(presetToDraft(presetById('office365')!, { email: ' jan@contoso.nl ' })).toEqual({
      host: 'smtp.office365.com',
      port: 587,
      encryption: 'tls',
      authMethod: 'password',
      username: 'jan@contoso.nl',
      mode: 'mailbox',
    });
  });
  it('never fills a password, and leaves the username empty without an address', () => {
    const d = presetToDraft(presetById('kpn')!);
    expect(d.password).toBeUndefined();
    expect(d.username).toBe('');
  });
  it('derives the connector host from the address domain, and has no username for IP whitelisting', () => {
    const d = presetToDraft(presetById('office365-connector')!, { email: 'jan@contoso.nl' });
    expect(d).toEqual({ host: 'contoso-nl.mail.protection.outlook.com', port: 25, encryption: 'tls', authMethod: 'ip-whitelist', mode: 'relay' });
  });
  it('an explicit domain beats the address domain', () => {
    expect(presetToDraft(presetById('office365-connector')!, { email: 'jan@contoso.nl', domain: 'fabrikam.nl' }).host).toBe('fabrikam-nl.mail.protection.outlook.com');
  });
});

describe('detectProvider', () => {
  it('by address domain, also for the many KPN and Ziggo brands', () => {
    for (const d of ['kpnmail.nl', 'xs4all.nl', 'planet.nl', 'hetnet.nl', 'telfort.nl', 'kpnplanet.nl']) expect(ids(detectProvider({ email: `a@${d}` }))).toEqual(['kpn']);
    for (const d of ['ziggo.nl', 'home.nl', 'chello.nl', 'upcmail.nl', 'casema.nl', 'quicknet.nl']) expect(ids(detectProvider({ email: `a@${d}` }))).toEqual(['ziggo']);
    expect(ids(detectProvider({ email: 'A@GMAIL.COM' }))).toEqual(['gmail', 'gmail-465']);
    expect(ids(detectProvider({ email: 'a@hotmail.nl' }))).toEqual(['outlook-com']);
    expect(ids(detectProvider({ email: 'a@icloud.com' }))).toEqual(['icloud']);
  });

  it('an own domain with a Microsoft 365 MX → both Office 365 presets, SMTP AUTH first', () => {
    expect(ids(detectProvider({ email: 'jan@bakkerij-de-vries.nl', mx: ['bakkerij-de-vries-nl.mail.protection.outlook.com'] }))).toEqual(['office365', 'office365-connector']);
    expect(ids(detectProvider({ mx: ['fabrikam-com.o-v1.mx.microsoft'] }))).toEqual(['office365', 'office365-connector']);
  });

  it('an own domain with a Google MX → Workspace relay first, then Gmail', () => {
    const hit = ids(detectProvider({ email: 'jan@firma.nl', mx: ['ASPMX.L.GOOGLE.COM.', 'alt1.aspmx.l.google.com'] }));
    expect(hit[0]).toBe('google-workspace-relay');
    expect(hit).toEqual(expect.arrayContaining(['gmail', 'gmail-465']));
    expect(ids(detectProvider({ email: 'jan@firma.nl', mx: ['smtp.google.com'] }))[0]).toBe('google-workspace-relay');
  });

  it('a gmail.com address is not a Workspace domain', () => {
    expect(ids(detectProvider({ email: 'a@gmail.com', mx: ['gmail-smtp-in.l.google.com'] }))).toEqual(['gmail', 'gmail-465']);
  });

  it('an own domain with a Zoho MX → the smtppro host for that region first', () => {
    expect(ids(detectProvider({ email: 'a@firma.nl', mx: ['mx.zoho.eu'] }))[0]).toBe('zoho-pro-eu');
    expect(ids(detectProvider({ email: 'a@firma.com', mx: ['mx.zoho.com'] }))[0]).toBe('zoho-pro');
    expect(ids(detectProvider({ email: 'a@zohomail.eu', mx: ['mx.zoho.eu'] }))).toEqual(['zoho-eu']);
  });

  it('hosting providers by their MX', () => {
    expect(ids(detectProvider({ email: 'a@winkel.de', mx: ['smtpin.rzone.de'] }))).toEqual(['strato']);
    expect(ids(detectProvider({ mx: ['mx01.one.com', 'mx02.one.com'] }))).toEqual(['one-com']);
    expect(ids(detectProvider({ mx: ['mx.transip.email.'] }))).toEqual(['transip']);
  });

  it('by the exact SMTP host, strongest first', () => {
    expect(ids(detectProvider({ host: 'smtp.kpnmail.nl' }))).toEqual(['kpn']);
    expect(ids(detectProvider({ host: 'SMTP.Office365.com' }))).toEqual(['office365']);
    expect(ids(detectProvider({ host: 'contoso-com.mail.protection.outlook.com' }))).toEqual(['office365-connector']);
    expect(ids(detectProvider({ host: 'smtp.gmail.com', email: 'a@firma.nl', mx: ['aspmx.l.google.com'] })).slice(0, 2)).toEqual(['gmail', 'gmail-465']);
  });

  it('suffixes match whole labels only, and unknown input gives nothing', () => {
    expect(detectProvider({ mx: ['evilgoogle.com', 'mail.protection.outlook.com.evil.example', 'rzone.de'] })).toEqual([]);
    expect(detectProvider({ email: 'a@example.nl', host: 'mail.example.nl', mx: ['mx.example.nl'] })).toEqual([]);
    expect(detectProvider({})).toEqual([]);
  });

  it('never throws on wrong-typed input', () => {
    for (const bad of [{ email: 5 }, { mx: 'aspmx.l.google.com' }, { mx: [null, 3] }, { host: {} }, null, undefined, 'x']) {
      expect(() => detectProvider(bad as never)).not.toThrow();
    }
  });
});
