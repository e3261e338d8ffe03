import { describe, expect, it } from 'vitest';
import { parseCrmRange, rangeSnippets, SNIPPET_KINDS, type CrmRange } from './crm-range';
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
  const snippets = rangeSnippets(ok());
  const text = (k: string) => snippets.find((s) => s.kind === k)!.text;

  it('one snippet per server type, in a stable order', () => {
    expect(snippets.map((s) => s.kind)).toEqual([...SNIPPET_KINDS]);
    for (const s of snippets) expect(s.label).not.toBe('');
  });
  it('never uses the non-canonical form', () => {
    for (const s of snippets) expect(s.text).not.toContain('212.61.168.1/27');
  });
  it('Postfix: mynetworks with the canonical range', () => {
    expect(text('postfix')).toMatch(/^mynetworks = .*\b212\.61\.168\.0\/27$/m);
  });
  it('Exchange: New-ReceiveConnector and Set-ReceiveConnector with RemoteIPRanges', () => {
    expect(text('exchange')).toContain('New-ReceiveConnector -Name "PerfectView CRM"');
    expect(text('exchange')).toContain('-RemoteIPRanges 212.61.168.0/27');
    expect(text('exchange')).toContain('Set-ReceiveConnector');
    expect(text('exchange')).toContain('@{Add="212.61.168.0/27"}');
  });
  it('Microsoft 365: New-InboundConnector with SenderIPAddresses, and the exclusive-IP caveat', () => {
    const s = snippets.find((x) => x.kind === 'office365')!;
    expect(s.text).toMatch(/^New-InboundConnector .*-SenderIPAddresses 212\.61\.168\.0\/27/);
    expect(s.caveat).toMatchObject({ code: 'office365-relay-connector', variant: 'connector' });
  });
  it('Google Workspace: the relay allowlist values to type in the Admin console', () => {
    expect(text('google-workspace')).toContain('Only addresses in my domains');
    expect(text('google-workspace')).toContain('212.61.168.0/27');
  });
  it('Exim: relay_from_hosts', () => {
    expect(text('exim')).toMatch(/^hostlist relay_from_hosts = localhost : 212\.61\.168\.0\/27$/m);
  });
  it('hMailServer: lower and upper address instead of a prefix', () => {
    expect(text('hmailserver')).toContain('Lower IP: 212.61.168.0');
    expect(text('hmailserver')).toContain('Upper IP: 212.61.168.31');
  });
  it('a name with quotes, $ or backticks cannot break out of the PowerShell string', () => {
    const s = rangeSnippets(ok(), 'CRM "x"; $(Remove-Item *) `n');
    expect(s.find((x) => x.kind === 'exchange')!.text).toContain('-Name "CRM x Remove-Item  n"');
  });
});
