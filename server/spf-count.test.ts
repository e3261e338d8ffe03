import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailDns, discover, type MailDns } from './discover';
import { countSpfLookups } from './spf-count';
import { startDns, type TestDns } from './testing/dns';
import { findingText } from '../lib/i18n';

// SPF records as real zones hold them: nested includes on a real DNS server (dns2), read by node's resolver.
let server: TestDns;
let dns: MailDns;
const SP = (terms: string) => ({ txt: [`v=spf1 ${terms}`] });
beforeAll(async () => {
  server = await startDns(
    {
      // 2 + 3 includes = 5; s1: 2 includes (7); s1a: a, mx (9); s1b: exists (10); s2: none; s3: ptr (11).
      'veel-diensten.nl': { mx: [{ exchange: 'mx.veel-diensten.nl', priority: 10 }], txt: ['v=spf1 mx a include:s1.spf.test include:s2.spf.test ~include:s3.spf.test -all'] },
      's1.spf.test': SP('include:s1a.spf.test include:s1b.spf.test ~all'),
      's1a.spf.test': SP('ip4:192.0.2.0/24 a mx ~all'),
      's1b.spf.test': SP('exists:%{i}.x.spf.test ~all'),
      's2.spf.test': SP('ip4:198.51.100.0/24 ip6:2001:db8::/32 ~all'),
      's3.spf.test': SP('ptr ~all'),
      // Exactly 10 (4 + s1's 5 + s3's 1): allowed.
      'tien.nl': { mx: [{ exchange: 'mx.tien.nl', priority: 10 }], txt: ['v=spf1 mx a include:s1.spf.test include:s3.spf.test -all'] },
      // A record that includes itself: counted once, no endless reading.
      'lus.nl': { mx: [{ exchange: 'mx.lus.nl', priority: 10 }], txt: ['v=spf1 a include:lus.nl -all'] },
      // Over the limit at the top, with a nested record that never answers.
      'traag-spf.nl': { mx: [{ exchange: 'mx.traag-spf.nl', priority: 10 }], txt: [`v=spf1 ${Array.from({ length: 11 }, (_, i) => `a:h${i}.traag-spf.nl`).join(' ')} include:stil.spf.test -all`] },
      'stil.spf.test': SP('a'),
      // An include of a name that does not exist, and of one that holds TXT but no SPF record.
      'kapot-spf.nl': { mx: [{ exchange: 'mx.kapot-spf.nl', priority: 10 }], txt: ['v=spf1 include:weg.spf.test include:geen-spf.spf.test include:s2.spf.test -all'] },
      'geen-spf.spf.test': { txt: ['google-site-verification=abc'] },
      // An include whose DNS server never answers: unknown, not broken.
      'stil-include.nl': { mx: [{ exchange: 'mx.stil-include.nl', priority: 10 }], txt: ['v=spf1 include:stil.spf.test -all'] },
    },
    { drop: (name) => name === 'stil.spf.test' },
  );
  dns = createMailDns([server.server], 1500);
});
afterAll(() => server?.close());

const txt = (name: string) => dns.resolveTxt(name);
const soon = () => ({ deadline: Date.now() + 4000 });

describe('countSpfLookups', () => {
  it('counts nested includes, level by level', async () => {
    expect(await countSpfLookups('v=spf1 mx a include:s1.spf.test include:s2.spf.test ~include:s3.spf.test -all', txt, soon())).toEqual({ count: 11, complete: true, broken: [] });
    expect(await countSpfLookups('v=spf1 mx a include:s1.spf.test include:s3.spf.test -all', txt, soon())).toEqual({ count: 10, complete: true, broken: [] });
  });

  it('a loop is read once (the record and its one inclusion: 2 + 2)', async () => {
    const before = server.queries.filter((q) => q.name === 'lus.nl').length;
    expect(await countSpfLookups('v=spf1 a include:lus.nl -all', txt, soon())).toEqual({ count: 4, complete: true, broken: [] });
    expect(server.queries.filter((q) => q.name === 'lus.nl').length - before).toBe(1);
  });

  it('a nested record that is missing, or does not answer by the deadline, makes the count a lower bound', async () => {
    // A name that does not exist is an answer: no SPF there (broken). Silence is not: unknown.
    expect(await countSpfLookups('v=spf1 include:nergens.spf.test -all', txt, soon())).toEqual({ count: 1, complete: false, broken: ['nergens.spf.test'] });
    const never = () => new Promise<string[][]>(() => {});
    expect(await countSpfLookups('v=spf1 include:x.spf.test -all', never, { deadline: Date.now() + 50 })).toEqual({ count: 1, complete: false, broken: [] });
    const servfail = () => Promise.reject(Object.assign(new Error('queryTxt ESERVFAIL'), { code: 'ESERVFAIL' }));
    expect(await countSpfLookups('v=spf1 include:x.spf.test -all', servfail, soon())).toEqual({ count: 1, complete: false, broken: [] });
  });

  it('stops reading once past the limit', async () => {
    const reads: string[] = [];
    const record = `v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:n${i}.spf.test`).join(' ')} -all`;
    expect(await countSpfLookups(record, async (n) => (reads.push(n), [['v=spf1 a']]), soon())).toEqual({ count: 11, complete: false, broken: [] });
    expect(reads).toEqual([]);
  });
});

describe('discover: spf-include-broken', () => {
  it('includes of a missing name and of a name without SPF: an error naming both; a dropped one is not called broken', async () => {
    const r = await discover({ domain: 'kapot-spf.nl' }, dns);
    expect(r.findings.find((x) => x.code === 'spf-include-broken')).toMatchObject({ severity: 'error', field: 'domain', params: { domain: 'kapot-spf.nl', include: 'weg.spf.test, geen-spf.spf.test' } });
    expect(findingText(r.findings.find((x) => x.code === 'spf-include-broken')!, 'nl')).toContain('permerror');
    const slow = await discover({ domain: 'stil-include.nl' }, dns, { deadlineMs: 1500 });
    expect(server.queries.some((q) => q.name === 'stil.spf.test')).toBe(true);
    expect(slow.findings.map((x) => x.code)).not.toContain('spf-include-broken');
  });
});

describe('discover: spf-too-many-lookups', () => {
  it('11 look-ups through nested includes: an error that names the count and the limit', async () => {
    const r = await discover({ domain: 'veel-diensten.nl' }, dns);
    const f = r.findings.find((x) => x.code === 'spf-too-many-lookups');
    expect(f).toMatchObject({ severity: 'error', field: 'domain', params: { domain: 'veel-diensten.nl', count: 11, max: 10 } });
    expect(f?.variant).toBeUndefined();
    expect(findingText(f!, 'nl')).toContain('kost 11 DNS-opzoekingen');
    expect(findingText(f!, 'en')).toContain('RFC 7208 §4.6.4 allows 10');
  });

  it('10 look-ups, and a self-including record, pass', async () => {
    for (const domain of ['tien.nl', 'lus.nl']) {
      const r = await discover({ domain }, dns);
      expect(r.findings.map((x) => x.code), domain).not.toContain('spf-too-many-lookups');
    }
  });

  it('over the limit already at the top while a nested record is lost: "at least", within the deadline', async () => {
    const r = await discover({ domain: 'traag-spf.nl' }, dns, { deadlineMs: 1500 });
    const f = r.findings.find((x) => x.code === 'spf-too-many-lookups');
    expect(f).toMatchObject({ variant: 'at-least', params: { count: 12 } });
    expect(findingText(f!, 'nl')).toContain('minstens 12');
  });
});
