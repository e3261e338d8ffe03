import { describe, expect, it } from 'vitest';
import { parseCrmRange, parseSenderDomains, rangeSnippets, SNIPPET_KINDS, type CrmRange, type SnippetKind } from './crm-range';
import { DEFAULT_CRM_RANGE } from './prefs';

const ok = (input?: string): CrmRange => {
  const r = parseCrmRange(input);
  if (!r.ok) throw new Error(`expected ${input} to parse`);
  return r.range;
};

describe('parseCrmRange', () => {
  it('the CRM default 212.61.168.1/27 is network 212.61.168.0/27: .0 to .31, 32 addresses', () => {
    const r = parseCrmRange();
    expect(r.ok && r.range).toMatchObject({ input: DEFAULT_CRM_RANGE, canonical: '212.61.168.0/27', prefix: 27, first: '212.61.168.0', last: '212.61.168.31', count: 32, isCanonical: false });
  });

  it('flags the non-canonical form with everything the text needs', () => {
    expect(parseCrmRange('212.61.168.1/27').findings).toEqual([
      { code: 'crm-range-non-canonical', severity: 'info', field: 'crmRange', params: { input: '212.61.168.1/27', canonical: '212.61.168.0/27', first: '212.61.168.0', last: '212.61.168.31' } },
    ]);
  });

  it('a pasted trailing newline is trimmed like spaces', () => {
    expect(ok('212.61.168.1/27\n').canonical).toBe('212.61.168.0/27');
  });

  it('the canonical form gives no finding; spaces around are ignored', () => {
    const r = parseCrmRange('  212.61.168.0/27 ');
    expect(r.findings).toEqual([]);
    expect(r.ok && r.range.isCanonical).toBe(true);
  });

  it.each([
    ['10.1.2.3/8', '10.0.0.0/8', '10.0.0.0', '10.255.255.255', 16777216],
    ['192.0.2.77/32', '192.0.2.77/32', '192.0.2.77', '192.0.2.77', 1],
    ['192.0.2.77/31', '192.0.2.76/31', '192.0.2.76', '192.0.2.77', 2],
    ['203.0.113.200/26', '203.0.113.192/26', '203.0.113.192', '203.0.113.255', 64],
    ['1.2.3.4/0', '0.0.0.0/0', '0.0.0.0', '255.255.255.255', 4294967296],
  ])('%s → %s (%s–%s, %d)', (input, canonical, first, last, count) => {
    expect(ok(input)).toMatchObject({ canonical, first, last, count });
  });

  it('contains() covers exactly the 32 addresses', () => {
    const r = ok();
    expect(['212.61.168.0', '212.61.168.1', '212.61.168.31', ' 212.61.168.15 '].every(r.contains)).toBe(true);
    expect(['212.61.168.32', '212.61.167.255', '212.61.169.0', '::ffff:212.61.168.1', '212.61.168', '212.61.168.010', '', 'x'].some(r.contains)).toBe(false);
    expect(r.contains(42 as unknown as string)).toBe(false);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['2001:db8::/32', 'ipv6'],
    ['::ffff:212.61.168.1/123', 'ipv6'],
    ['212.61.168.1', 'no-prefix'],
    ['212.61.168.1/33', 'invalid'],
    ['212.61.168.1/', 'invalid'],
    ['212.61.168/27', 'invalid'],
    ['212.61.168.256/27', 'invalid'],
    ['012.61.168.1/27', 'invalid'],
    ['212.61.168.1/027', 'invalid'],
    ['212.61.168.1 /27', 'invalid'],
    ['212.61.168.0-212.61.168.31', 'invalid'],
    ['212.61.168.1\n/27', 'invalid'],
  ])('%j → crm-range-invalid (%s)', (input, problem) => {
    const r = parseCrmRange(input);
    expect(r).toMatchObject({ ok: false, problem });
    expect(r.findings).toEqual([{ code: 'crm-range-invalid', severity: 'error', field: 'crmRange', variant: problem, params: { input: input.trim() } }]);
  });

  it('wrong types are invalid, not exceptions', () => {
    for (const v of [null, 27, {}, [], Symbol('x')]) expect(parseCrmRange(v as never)).toMatchObject({ ok: false, problem: 'empty' });
  });
});

describe('rangeSnippets', () => {
  const DOMAINS = ['bakkerij-jansen.nl', 'jansen.be'];
  const snippets = rangeSnippets(ok(), { domains: DOMAINS, lang: 'nl' });
  const text = (k: string) => snippets.find((s) => s.kind === k)!.text;

  it('one snippet per server type, in a stable order; none for Microsoft 365 (no connector for a shared range)', () => {
    expect(snippets.map((s) => s.kind)).toEqual([...SNIPPET_KINDS]);
    expect(SNIPPET_KINDS).not.toContain('office365');
    for (const s of snippets) expect(s.label).not.toBe('');
    for (const s of snippets) expect(s.text).not.toMatch(/New-InboundConnector|RestrictDomainsToIPAddresses/);
  });
  it('never uses the non-canonical form', () => {
    for (const s of snippets) expect(s.text).not.toContain('212.61.168.1/27');
  });

  // The range is shared by every CRM customer: a snippet that trusts it without limiting the senders lets all of
  // them relay as anyone. Each kind must carry its sender restriction, with the customer's domains where the
  // server needs them spelled out, and must not put the range in the server's general relay list.
  const SENDER_RESTRICTION: Record<SnippetKind, { must: RegExp[]; domains: boolean; never: RegExp[] }> = {
    postfix: { must: [/^crm_senders = check_sender_access hash:\/etc\/postfix\/crm_sender_domains, reject$/m, /^212\.61\.168\.0\/27 crm_senders$/m, /check_client_access cidr:\/etc\/postfix\/crm_clients\.cidr, permit_mynetworks/], domains: true, never: [/^mynetworks\s*=.*212\.61\.168/m] },
    exchange: { must: [/New-TransportRule .*-SenderIpRanges 212\.61\.168\.0\/27 .*-ExceptIfSenderDomainIs /, /-RejectMessageEnhancedStatusCode/], domains: true, never: [/Ms-Exch-SMTP-Accept-Any-Sender/] },
    'google-workspace': { must: [/Alleen adressen in mijn domeinen/], domains: false, never: [/Elk adres|Any addresses/] },
    exim: { must: [/^accept\s+hosts\s+= \+crm_hosts\n\s+sender_domains = \+crm_sender_domains$/m, /^deny\s+hosts\s+= \+crm_hosts$/m], domains: true, never: [/relay_from_hosts\s*=.*212\.61\.168/] },
    hmailserver: { must: [/External to external e-mail addresses = off/, /External to local e-mail addresses = off/], domains: false, never: [/External to external e-mail addresses = on/] },
  };
  it.each(SNIPPET_KINDS.map((k) => [k] as const))('%s: trusts the range only together with a sender restriction', (k) => {
    const t = text(k);
    expect(t).toMatch(/212\.61\.168\.0\/27|212\.61\.168\.0/);
    const rule = SENDER_RESTRICTION[k];
    for (const re of rule.must) expect(t).toMatch(re);
    for (const re of rule.never) expect(t).not.toMatch(re);
    if (rule.domains) for (const d of DOMAINS) expect(t).toContain(d);
  });
  it('every snippet kind has a sender-restriction rule in this test (a new kind cannot slip through)', () => {
    expect(Object.keys(SENDER_RESTRICTION).sort()).toEqual([...SNIPPET_KINDS].sort());
  });
  it('without domains the snippets carry a visible placeholder, never an empty list', () => {
    for (const s of rangeSnippets(ok(), { lang: 'en' }).filter((x) => SENDER_RESTRICTION[x.kind].domains)) expect(s.text).toContain('yourdomain.com');
  });
  it('Exchange: New-ReceiveConnector with RemoteIPRanges', () => {
    expect(text('exchange')).toContain('New-ReceiveConnector -Name "PerfectView CRM"');
    expect(text('exchange')).toContain('-RemoteIPRanges 212.61.168.0/27');
    expect(text('exchange')).toContain('-ExceptIfSenderDomainIs "bakkerij-jansen.nl","jansen.be"');
  });
  it('hMailServer: lower and upper address instead of a prefix', () => {
    expect(text('hmailserver')).toContain('Lower IP: 212.61.168.0');
    expect(text('hmailserver')).toContain('Upper IP: 212.61.168.31');
  });
  it('a name with quotes, $ or backticks cannot break out of the PowerShell string', () => {
    const s = rangeSnippets(ok(), { name: 'CRM "x"; $(Remove-Item *) `n' });
    expect(s.find((x) => x.kind === 'exchange')!.text).toContain('-Name "CRM x Remove-Item  n"');
  });
});

describe('parseSenderDomains', () => {
  it('splits on commas, spaces and new lines, lower-cases, drops a leading @ and duplicates', () => {
    expect(parseSenderDomains(' Bakkerij-Jansen.NL, @jansen.be\nbakkerij-jansen.nl ')).toEqual({ domains: ['bakkerij-jansen.nl', 'jansen.be'], findings: [] });
  });
  it('a bad domain is a named finding, never an exception', () => {
    expect(parseSenderDomains('jan@@x, localhost').findings.map((f) => [f.code, f.field])).toEqual([
      ['domain-invalid', 'domain'],
      ['domain-invalid', 'domain'],
    ]);
    for (const v of [null, 5, {}, [], undefined]) expect(parseSenderDomains(v)).toEqual({ domains: [], findings: [] });
  });
});
