import { describe, expect, it } from 'vitest';
import { spfIncludes, spfLookups, spfTerms } from './spf';

describe('spfTerms', () => {
  it('the terms after v=spf1, lower-cased; nothing for a record that is not SPF', () => {
    expect(spfTerms('v=spf1  IP4:192.0.2.1 include:_spf.google.com  -all ')).toEqual(['ip4:192.0.2.1', 'include:_spf.google.com', '-all']);
    expect(spfTerms('v=spf10 include:x -all')).toEqual([]);
    expect(spfTerms('google-site-verification=abc')).toEqual([]);
  });
});

describe('spfLookups: the DNS-querying terms of RFC 7208 §4.6.4', () => {
  it('counts include, a, mx, ptr, exists and redirect; not ip4, ip6, all or exp', () => {
    expect(spfLookups('v=spf1 a mx a:mail.x.nl mx:x.nl/24 a/24 ptr exists:%{i}.x.nl include:a.nl ~include:b.nl ip4:192.0.2.0/24 ip6:2001:db8::/32 exp=explain.x.nl -all')).toEqual({ count: 9, next: ['a.nl', 'b.nl'] });
  });
  it('redirect counts (and is followed) only without an all mechanism', () => {
    expect(spfLookups('v=spf1 redirect=_spf.hoster.nl')).toEqual({ count: 1, next: ['_spf.hoster.nl'] });
    expect(spfLookups('v=spf1 mx redirect=_spf.hoster.nl ?all')).toEqual({ count: 1, next: [] });
  });
  it('a macro target costs one look-up but cannot be followed; a trailing dot is dropped', () => {
    expect(spfLookups('v=spf1 include:%{d}._spf.x.nl include:spf.y.nl. -all')).toEqual({ count: 2, next: ['spf.y.nl'] });
  });
  it('look-alikes are not terms that query DNS', () => {
    expect(spfLookups('v=spf1 all aa:x mxx ptrs -all')).toEqual({ count: 0, next: [] });
  });
});

describe('spfIncludes', () => {
  it('a whole include term, any qualifier, any case', () => {
    expect(spfIncludes('v=spf1 include:spf.protection.outlook.com -all', 'spf.protection.outlook.com')).toBe(true);
    expect(spfIncludes('V=SPF1 ~INCLUDE:_spf.google.com ?all', '_spf.google.com')).toBe(true);
    expect(spfIncludes('v=spf1 include:spf.protection.outlook.com.evil -all', 'spf.protection.outlook.com')).toBe(false);
    expect(spfIncludes('v=spf1 redirect=spf.protection.outlook.com', 'spf.protection.outlook.com')).toBe(false);
  });
});
