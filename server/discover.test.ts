import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { INCLUDED_SPF, startDns, type TestDns } from './testing/dns';
import { testApp } from './testing/app';
import { createMailDns, discover, type MailDns } from './discover';
import { findingText } from '../lib/i18n';

// Zones the preset table has never heard of: providers must be recognised by MX, SRV or guessing.
let dnsServer: TestDns;
let dns: MailDns;
beforeAll(async () => {
  dnsServer = await startDns({
    ...INCLUDED_SPF,
    'bakkerij-jansen.nl': {
      mx: [{ exchange: 'bakkerij-jansen-nl.mail.protection.outlook.com', priority: 0 }],
      txt: ['v=spf1 include:spf.protection.outlook.com -all', 'MS=ms12345678'],
    },
    '_dmarc.bakkerij-jansen.nl': { txt: ['v=DMARC1; p=quarantine'] },
    'tuinmeubels-vos.be': { mx: [{ exchange: 'ASPMX.L.GOOGLE.COM.', priority: 1 }, { exchange: 'alt1.aspmx.l.google.com', priority: 5 }], txt: ['v=spf1 mx -all'] },
    'eigen-beheer.org': { mx: [{ exchange: 'mx2.eigen-beheer.org', priority: 20 }, { exchange: 'mx1.eigen-beheer.org', priority: 10 }], txt: ['v=spf1 mx -all', 'v=spf1 a -all'] },
    '_submissions._tcp.eigen-beheer.org': { srv: [{ target: 'submit.eigen-beheer.org', port: 465 }] },
    '_submission._tcp.eigen-beheer.org': { srv: [{ target: '.', port: 0 }] },
    'nomx.example': { txt: ['hello'] },
    // The MX sits under a preset's domain (kpnmail.nl, ziggo.nl) and no MX pattern was ever written for it.
    'bakkerij-smit.nl': { mx: [{ exchange: 'mx.kpnmail.nl', priority: 10 }], txt: ['v=spf1 include:kpnmail.nl ~all'] },
    'fietsen-de-wit.nl': { mx: [{ exchange: 'mx2.ziggo.nl', priority: 20 }, { exchange: 'mx1.ziggo.nl', priority: 10 }], txt: ['v=spf1 mx ~all'] },
    // Microsoft 365 behind a filtering service: the MX names Mimecast, the SPF record names Microsoft.
    'advocaten-smit.nl': {
      mx: [{ exchange: 'eu-smtp-inbound-1.mimecast.com', priority: 10 }, { exchange: 'eu-smtp-inbound-2.mimecast.com', priority: 20 }],
      txt: ['v=spf1 include:spf.protection.outlook.com include:eu._netblocks.mimecast.com -all'],
    },
    // A hoster without an ISPDB domain list: the MX lives under the domain of its SMTP host (smtp.hostnet.nl).
    'schilder-bos.nl': { mx: [{ exchange: 'mx1.hostnet.nl', priority: 10 }, { exchange: 'mx2.hostnet.nl', priority: 20 }], txt: ['v=spf1 include:spf.hostnet.nl -all'] },
    // Implicit MX (RFC 5321 §5.1): no MX, but an address.
    'alleen-a.example': { a: ['192.0.2.25'], txt: ['v=spf1 a -all'] },
    'alleen-aaaa.example': { aaaa: ['2001:db8::25'], txt: ['v=spf1 a -all'] },
  });
  dns = createMailDns([dnsServer.server], 1500);
});
afterAll(() => dnsServer?.close());

describe('discover', () => {
  test('an own domain on Microsoft 365, known only by its MX, gets the M365 presets with the real MX host', async () => {
    const r = await discover({ email: 'Info@Bakkerij-Jansen.nl' }, dns);
    expect(r.domain).toEqual({
      name: 'bakkerij-jansen.nl',
      mx: ['bakkerij-jansen-nl.mail.protection.outlook.com'],
      spf: 'v=spf1 include:spf.protection.outlook.com -all',
      dmarc: 'v=DMARC1; p=quarantine',
    });
    const hosts = r.candidates.map((c) => c.settings.host);
    expect(hosts).toContain('smtp.office365.com');
    // Never the tenant's MX endpoint: that is Direct Send, which fails for mail to customers (PROVIDERS.md, corrections).
    expect(hosts.some((h) => h?.endsWith('.mail.protection.outlook.com'))).toBe(false);
    const m365 = r.candidates.find((c) => c.settings.host === 'smtp.office365.com')!;
    expect(m365).toMatchObject({ source: 'mx', provider: 'Office 365', settings: { port: 587, encryption: 'tls', username: 'Info@bakkerij-jansen.nl' } }); // local part kept as typed; domain lower-cased
    expect(r.findings).toEqual([]);
    expect(r.candidates.some((c) => c.source === 'guess')).toBe(false);
  });

  test('a Google Workspace domain (upper-case MX with trailing dot) gets Workspace relay and says SPF lacks Google', async () => {
    const r = await discover({ domain: 'tuinmeubels-vos.be' }, dns);
    expect(r.domain.mx).toEqual(['aspmx.l.google.com', 'alt1.aspmx.l.google.com']);
    expect(r.candidates[0]).toMatchObject({ provider: 'Google Workspace relay', settings: { host: 'smtp-relay.gmail.com' } });
    const spf = r.findings.find((f) => f.code === 'spf-provider-missing');
    expect(spf?.params).toEqual({ domain: 'tuinmeubels-vos.be', include: '_spf.google.com' });
    expect(findingText(spf!, 'nl')).toContain('include:_spf.google.com');
    expect(r.findings.map((f) => f.code)).toContain('dmarc-missing');
  });

  test('a self-hosted domain: SRV _submissions wins, a "." SRV target is ignored, two SPF records are an error', async () => {
    const r = await discover({ email: 'jan@eigen-beheer.org' }, dns);
    expect(r.domain.mx).toEqual(['mx1.eigen-beheer.org', 'mx2.eigen-beheer.org']);
    expect(r.candidates).toHaveLength(1);
    expect(r.candidates[0]).toMatchObject({ source: 'srv', confidence: 'high', settings: { host: 'submit.eigen-beheer.org', port: 465, encryption: 'ssl', username: 'jan@eigen-beheer.org' } });
    expect(r.findings.find((f) => f.code === 'spf-multiple')).toMatchObject({ severity: 'error', params: { count: 2 } });
  });

  test('an MX under a preset\'s domain finds that preset with no MX pattern written for it (KPN, Ziggo)', async () => {
    const kpn = await discover({ email: 'info@bakkerij-smit.nl' }, dns);
    expect(kpn.candidates[0]).toMatchObject({ source: 'mx', presetId: 'kpn', settings: { host: 'smtp.kpnmail.nl', username: 'info@bakkerij-smit.nl' } });
    const ziggo = await discover({ domain: 'fietsen-de-wit.nl' }, dns);
    expect(ziggo.candidates[0]).toMatchObject({ source: 'mx', presetId: 'ziggo', settings: { host: 'smtp.ziggo.nl' } });
    expect(ziggo.candidates.some((c) => c.source === 'guess')).toBe(false);
  });

  test('Microsoft 365 behind a filtering service (MX at Mimecast): the M365 preset from the SPF record, low, then the guesses', async () => {
    const r = await discover({ email: 'secretariaat@advocaten-smit.nl' }, dns);
    expect(r.domain.mx).toEqual(['eu-smtp-inbound-1.mimecast.com', 'eu-smtp-inbound-2.mimecast.com']);
    expect(r.candidates[0]).toMatchObject({ source: 'spf', confidence: 'low', presetId: 'office365', settings: { host: 'smtp.office365.com', port: 587, username: 'secretariaat@advocaten-smit.nl' } });
    // The MX may also front an own server: Thunderbird's guesses stay, after the provider.
    expect(r.candidates.slice(1).map((c) => `${c.source}:${c.settings.host}:${c.settings.port}`)).toEqual([
      'guess:smtp.advocaten-smit.nl:587',
      'guess:smtp.advocaten-smit.nl:465',
      'guess:mail.advocaten-smit.nl:587',
      'guess:mail.advocaten-smit.nl:465',
    ]);
    // The MX is not Microsoft's, so its SPF include is not demanded of it.
    expect(r.findings.map((f) => f.code)).not.toContain('spf-provider-missing');
  });

  test('a hoster known only by its SMTP host (Hostnet): an MX under that domain finds it; unverified, so low', async () => {
    const r = await discover({ domain: 'schilder-bos.nl' }, dns);
    expect(r.candidates).toEqual([expect.objectContaining({ source: 'mx', confidence: 'low', presetId: 'hostnet', settings: expect.objectContaining({ host: 'smtp.hostnet.nl', port: 587 }) })]);
  });

  test('implicit MX: no MX but an A or AAAA address can receive mail; that is information, not "cannot receive"', async () => {
    for (const domain of ['alleen-a.example', 'alleen-aaaa.example']) {
      const r = await discover({ domain }, dns);
      const codes = r.findings.map((f) => f.code);
      expect(codes, domain).toContain('dns-implicit-mx');
      expect(codes, domain).not.toContain('dns-no-mx');
      expect(r.findings.find((f) => f.code === 'dns-implicit-mx')).toMatchObject({ severity: 'info', field: 'domain', params: { domain } });
      expect(findingText(r.findings.find((f) => f.code === 'dns-implicit-mx')!, 'nl')).toContain('RFC 5321');
    }
  });

  test('nothing known: Thunderbird-style guesses, and a domain without MX or address is flagged', async () => {
    const r = await discover({ domain: 'nomx.example' }, dns);
    expect(r.candidates.map((c) => `${c.settings.host}:${c.settings.port}:${c.settings.encryption}`)).toEqual([
      'smtp.nomx.example:587:tls',
      'smtp.nomx.example:465:ssl',
      'mail.nomx.example:587:tls',
      'mail.nomx.example:465:ssl',
    ]);
    expect(r.candidates.every((c) => c.source === 'guess' && c.confidence === 'low')).toBe(true);
    expect(r.findings.map((f) => f.code).sort()).toEqual(['dmarc-missing', 'dns-no-mx', 'spf-missing']);
  });

  test('a consumer address (xs4all.nl) is recognised by its domain without any DNS help', async () => {
    const r = await discover({ email: 'piet@xs4all.nl' }, dns);
    expect(r.candidates[0]).toMatchObject({ source: 'preset', confidence: 'high', settings: { host: 'smtp.kpnmail.nl', username: 'piet@xs4all.nl' } });
  });

  test('a domain that does not exist is a typo, not missing SPF; a known address domain still gets its preset', async () => {
    const r = await discover({ domain: 'bakkerij-jansne.nl' }, dns);
    expect(r.findings.map((f) => f.code)).toEqual(['dns-domain-not-found']);
    expect(r.candidates).toEqual([]);
  });

  test('bad input gives domain-invalid and asks DNS nothing', async () => {
    const before = dnsServer.queries.length;
    for (const input of [{ email: 'Jan <jan@x.nl>' }, { domain: 'http://x.nl' }, { domain: '127.0.0.1' }, {}]) {
      const r = await discover(input, dns);
      expect(r.findings.map((f) => f.code)).toEqual(['domain-invalid']);
      expect(r.candidates).toEqual([]);
    }
    expect(dnsServer.queries.length).toBe(before);
  });

  test('an unreachable DNS server is reported, not thrown', async () => {
    const dead = createMailDns(['127.0.0.1:9'], 300);
    const r = await discover({ domain: 'bakkerij-jansen.nl' }, dead);
    expect(r.findings.map((f) => f.code)).toContain('dns-lookup-failed');
  });
});

describe('POST /v1/discover', () => {
  test('answers with candidates and DNS findings, parsed by the shared schema', async () => {
    const t = testApp({ dnsServers: [dnsServer.server] });
    const res = await t.post('/v1/discover', { email: 'info@bakkerij-jansen.nl' });
    expect(res.status).toBe(200);
    const { DiscoverResult } = await import('../lib/api');
    const parsed = DiscoverResult.parse(res.json);
    expect(parsed.candidates[0]?.settings.host).toBe('smtp.office365.com');
    expect(t.logs.join('\n')).not.toContain('info@bakkerij-jansen.nl');
    await t.app.close();
  });

  test('bad input is a 400 that names the field in Dutch and English', async () => {
    const t = testApp({ dnsServers: [dnsServer.server] });
    for (const body of [{}, { email: 'Jan <jan@x.nl>' }, { domain: ['x.nl'] }, { email: 'a@b.nl\r\nBcc: x@y.nl' }]) {
      const res = await t.post('/v1/discover', body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
      // Errors as data: an English message for curl, the field (and findings) for the extension's own text.
      expect(res.json.error.message).toMatch(/[A-Za-z]/);
      expect(res.json.error.field).toMatch(/^(email|domain)$/);
    }
    await t.app.close();
  });
});
