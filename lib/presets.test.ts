import { describe, expect, it } from 'vitest';
import { PRESETS, presetById, presetToDraft, type Preset } from './presets';
import { detectProvider, mxProviderDomain } from './provider-detect';
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
    if (p.verified !== false) expect(p.source, `${p.id}: a verified preset names a provider page or ISPDB`).toMatch(/ISPDB|Microsoft Learn|Google|Zoho Mail help|Apple|Yahoo/);
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
    ['azure-communication-services', 'smtp.azurecomm.net', 587, 'tls', 'password'],
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
    ['zeelandnet', 'mail.zeelandnet.nl', 465, 'ssl', 'password'],
    ['combell', 'smtp-auth.mailprotect.be', 2525, 'tls', 'password'],
    ['mijndomein', 'smtp.mijndomein.nl', 587, 'tls', 'password'],
    ['hostinger', 'smtp.hostinger.com', 465, 'ssl', 'password'],
  ])('%s: %s %d %s %s', (id, host, port, encryption, authMethod) => {
    expect(presetById(id)).toMatchObject({ host, port, encryption, authMethod });
  });
  it('Outlook.com carries the oauth-only note; no preset advises a Microsoft 365 connector for the shared CRM range', () => {
    expect(presetById('outlook-com')?.notes).toContain('oauth-only');
    expect(PRESETS.filter((p) => p.host.endsWith('.mail.protection.outlook.com') || p.host.endsWith('.mx.microsoft'))).toEqual([]);
    expect(PRESETS.filter((p) => p.authMethod === 'ip-whitelist').map((p) => p.id)).toEqual(['google-workspace-relay']);
  });
  it('ISPDB lists only 465/SSL for Gmail and Yahoo: the sources say where 587 comes from', () => {
    expect(presetById('gmail')!.source).toMatch(/Google Gmail help/);
    expect(presetById('gmail')!.source).not.toMatch(/ISPDB.*587/);
    expect(presetById('gmail-465')!.source).toMatch(/ISPDB googlemail\.com\.xml \(smtp\.gmail\.com 465 SSL: the only/);
    expect(presetById('yahoo')!.source).toMatch(/465 SSL: the only/);
    expect(presetById('yahoo')!.source).not.toMatch(/587/);
  });
  it('the KPN and Ziggo domain lists are complete (ISPDB kpnmail.nl.xml, ziggo.nl.xml)', () => {
    for (const d of ['snelnet.net', 'on.nl', 'onsbrabantnet.nl', 'onsmail.nl', 'onsnet.nu', 'onsneteindhoven.nl', 'onsnetnuenen.nl', 'tip.nl']) expect(presetById('kpn')!.domains).toContain(d);
    for (const d of ['zeggis.nl', 'zeggis.com', 'razcall.nl', 'razcall.com', 'hahah.nl']) expect(presetById('ziggo')!.domains).toContain(d);
  });
  it('providers without a readable provider page are marked unverified', () => {
    expect(PRESETS.filter((p) => p.verified === false).map((p) => p.id).sort()).toEqual(['antagonist', 'combell', 'hostinger', 'hostnet', 'mijndomein', 'transip']);
  });
});

describe('mxProviderDomain: the domain of an MX host, looked up in every preset domain list', () => {
  it.each([
    ['contoso-com.mail.protection.outlook.com', 'mail.protection.outlook.com'],
    ['contoso-com.o-v1.mx.microsoft.', 'mx.microsoft'],
    ['ASPMX.L.GOOGLE.COM.', 'google.com'],
    ['mx.kpnmail.nl', 'kpnmail.nl'],
    ['mx3.zeelandnet.nl', 'zeelandnet.nl'],
    ['eur.olc.protection.outlook.com', 'outlook.com'],
    // No domain list of their own: the domain of the provider's SMTP host (smtp.hostnet.nl, smtp-auth.mailprotect.be).
    ['mx1.hostnet.nl', 'hostnet.nl'],
    ['MX.MailProtect.be.', 'mailprotect.be'],
  ])('%s → %s', (mx, d) => expect(mxProviderDomain(mx)).toBe(d));
  it.each(['mx.example.nl', 'evilgoogle.com', 'kpnmail.nl.evil.example', '', 'nl'])('%j → none', (mx) => expect(mxProviderDomain(mx)).toBeUndefined());
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
  it('has no username for IP whitelisting', () => {
    const d = presetToDraft(presetById('google-workspace-relay')!, { email: 'jan@contoso.nl' });
    expect(d).toEqual({ host: 'smtp-relay.gmail.com', port: 587, encryption: 'tls', authMethod: 'ip-whitelist', mode: 'relay' });
  });
  it('ZeelandNet: the part before the @ as username', () => {
    expect(presetToDraft(presetById('zeelandnet')!, { email: 'jan@zeelandnet.nl' }).username).toBe('jan');
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

  it('an own domain with a Microsoft 365 MX → Office 365 (SMTP AUTH), not Outlook.com', () => {
    expect(ids(detectProvider({ email: 'jan@bakkerij-de-vries.nl', mx: ['bakkerij-de-vries-nl.mail.protection.outlook.com'] }))).toEqual(['office365']);
    expect(ids(detectProvider({ mx: ['fabrikam-com.o-v1.mx.microsoft'] }))).toEqual(['office365']);
  });

  it('an MX under a preset\'s domain is found with no pattern written for it (KPN, Ziggo, ZeelandNet)', () => {
    expect(ids(detectProvider({ email: 'info@bakker.nl', mx: ['mx.kpnmail.nl'] }))).toEqual(['kpn']);
    expect(ids(detectProvider({ mx: ['mx1.ziggo.nl'] }))).toEqual(['ziggo']);
    expect(ids(detectProvider({ mx: ['mx3.zeelandnet.nl'] }))).toEqual(['zeelandnet']);
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
    // Providers without an ISPDB domain list: by the domain of their own SMTP host.
    expect(ids(detectProvider({ email: 'a@firma.nl', mx: ['mx1.hostnet.nl', 'mx2.hostnet.nl'] }))).toEqual(['hostnet']);
    expect(ids(detectProvider({ mx: ['mx.mailprotect.be'] }))).toEqual(['combell']);
    expect(ids(detectProvider({ mx: ['mx1.hostinger.com'] }))).toEqual(['hostinger']);
  });

  describe('by the SPF record, when the MX names no provider (a filtering service in front, or an own server)', () => {
    const mimecast = ['eu-smtp-inbound-1.mimecast.com', 'eu-smtp-inbound-2.mimecast.com'];
    it('Microsoft 365 behind Mimecast', () => {
      const hits = detectProvider({ email: 'a@firma.nl', mx: mimecast, spf: 'v=spf1 include:spf.protection.outlook.com include:eu._netblocks.mimecast.com -all' });
      expect(hits.map((h) => [h.preset.id, h.reasons])).toEqual([['office365', ['spf']]]);
    });
    it('Google behind a gateway: Workspace relay first, as for a Google MX', () => {
      expect(ids(detectProvider({ email: 'a@firma.nl', mx: ['mx0a-001.pphosted.com'], spf: 'v=spf1 ~include:_SPF.Google.com ~all' }))).toEqual(['google-workspace-relay', 'gmail', 'gmail-465']);
    });
    it('not when the MX already names a provider, not for a gmail.com address, not for a look-alike include', () => {
      expect(ids(detectProvider({ email: 'a@firma.nl', mx: ['mx.kpnmail.nl'], spf: 'v=spf1 include:spf.protection.outlook.com -all' }))).toEqual(['kpn']);
      expect(ids(detectProvider({ email: 'a@gmail.com', spf: 'v=spf1 include:spf.protection.outlook.com -all' }))).toEqual(['gmail', 'gmail-465']);
      expect(detectProvider({ mx: mimecast, spf: 'v=spf1 include:spf.protection.outlook.com.evil.example include:x_spf.google.com -all' })).toEqual([]);
      expect(detectProvider({ mx: mimecast, spf: 5 as never })).toEqual([]);
    });
  });

  it('by the exact SMTP host, strongest first', () => {
    expect(ids(detectProvider({ host: 'smtp.kpnmail.nl' }))).toEqual(['kpn']);
    expect(ids(detectProvider({ host: 'SMTP.Office365.com' }))).toEqual(['office365']);
    expect(ids(detectProvider({ host: 'contoso-com.mail.protection.outlook.com' }))).toEqual([]);
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
