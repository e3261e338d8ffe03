import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Host } from '../lib/settings';
import { createResolver, guardTarget } from './guard';
import { checkAddress, parseCidr } from './ip';
import { startDns } from './testing/dns';

// SECURITY.md, "Backend: where it may connect": every encoding of an internal address is refused.
describe('host literals that hide an internal address', () => {
  // These never reach the guard: the shared Host schema refuses them (400 naming Hostnaam).
  it.each(['127.1', '0x7f.1', '0x7f000001', '017700000001', '2130706433', '0', '0xA9FEA9FE', '0251.0376.0251.0376', 'localhost', 'smtp.x.nl:587', 'http://x', 'smtp://x', 'a@host.nl', 'host.nl/path', '[::1]:25'])(
    '%s is refused by the Host schema',
    (raw) => {
      expect(Host.safeParse(raw).success).toBe(false);
    },
  );
});

describe('checkAddress', () => {
  it.each([
    '0.0.0.0',
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '169.254.1.1',
    '100.64.0.1',
    '100.127.255.255',
    '198.18.0.1',
    '198.19.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'febf::1',
    'ff02::1',
    '2002:7f00:1::1', // 6to4 of 127.0.0.1
    '2002:a9fe:a9fe::', // 6to4 of 169.254.169.254
    '2002:c0a8:0101::1', // 6to4 of 192.168.1.1
    '64:ff9b::7f00:1', // NAT64 of 127.0.0.1
    '64:ff9b::a9fe:a9fe', // NAT64 of metadata
    '64:ff9b::10.0.0.1',
    '64:ff9b:1::1', // local-use NAT64
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
    '::127.0.0.1', // IPv4-compatible
    '2001:db8::1',
  ])('%s is refused', (ip) => {
    expect(checkAddress(ip).ok).toBe(false);
  });

  it.each(['8.8.8.8', '212.61.168.5', '1.1.1.1', '2a00:1450:4013:c00::6c', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])('%s is allowed', (ip) => {
    expect(checkAddress(ip).ok).toBe(true);
  });

  it('PROBE_ALLOWED_CIDRS opens a range, but never the metadata address', () => {
    const allowed = [parseCidr('127.0.0.0/8'), parseCidr('169.254.0.0/16')];
    expect(checkAddress('127.0.0.1', allowed).ok).toBe(true);
    expect(checkAddress('::ffff:127.0.0.1', allowed).ok).toBe(true);
    expect(checkAddress('169.254.169.254', allowed).ok).toBe(false);
    expect(checkAddress('10.0.0.1', allowed).ok).toBe(false);
    // 6to4 embedding of an allowed address is still not the allowed address itself
    expect(checkAddress('2002:7f00:1::1', allowed).ok).toBe(false);
  });
});

describe('guardTarget with a real DNS server', () => {
  let dns: Awaited<ReturnType<typeof startDns>>;
  let resolver: ReturnType<typeof createResolver>;
  beforeAll(async () => {
    dns = await startDns({
      'public.test.nl': { a: ['93.184.216.34'] },
      'private.test.nl': { a: ['192.168.1.10'] },
      'loop.test.nl': { a: ['127.0.0.1'] },
      'mixed.test.nl': { a: ['93.184.216.34'], aaaa: ['fd00::25'] },
      'mixed4.test.nl': { a: ['93.184.216.34', '10.0.0.5'] },
      'meta.test.nl': { a: ['169.254.169.254'] },
      'mapped.test.nl': { aaaa: ['::ffff:127.0.0.1'] },
      'v6.test.nl': { aaaa: ['2a00:1450:4013:c00::6c'] },
    });
    resolver = createResolver([dns.server], 2000);
  });
  afterAll(() => dns.close());
  const opts = (allowed: string[] = []) => ({ ports: [25, 465, 587, 2525], allowedCidrs: allowed.map(parseCidr), resolver, dnsTimeoutMs: 2000 });

  it('accepts a public name and connects to the checked IP', async () => {
    const g = await guardTarget('public.test.nl', 587, opts());
    expect(g).toMatchObject({ ok: true, address: '93.184.216.34', isName: true, host: 'public.test.nl' });
    const v6 = await guardTarget('v6.test.nl', 587, opts());
    expect(v6).toMatchObject({ ok: true, address: '2a00:1450:4013:c00::6c' });
  });

  it.each(['private.test.nl', 'loop.test.nl', 'meta.test.nl', 'mapped.test.nl'])('refuses %s (resolves to an internal address)', async (name) => {
    expect(await guardTarget(name, 587, opts())).toMatchObject({ ok: false, code: 'target_not_allowed' });
  });

  it('refuses a name with one public and one private address whole', async () => {
    expect(await guardTarget('mixed.test.nl', 587, opts())).toMatchObject({ ok: false, code: 'target_not_allowed', address: 'fd00::25' });
    expect(await guardTarget('mixed4.test.nl', 587, opts())).toMatchObject({ ok: false, code: 'target_not_allowed', address: '10.0.0.5' });
  });

  it('allows a resolved private address only inside PROBE_ALLOWED_CIDRS', async () => {
    expect(await guardTarget('loop.test.nl', 587, opts(['127.0.0.0/8']))).toMatchObject({ ok: true, address: '127.0.0.1' });
    expect(await guardTarget('private.test.nl', 587, opts(['127.0.0.0/8']))).toMatchObject({ ok: false });
  });

  it('reports a name that does not exist', async () => {
    expect(await guardTarget('nope.test.nl', 587, opts())).toMatchObject({ ok: false, code: 'dns_failed', dns: 'not-found' });
  });

  it.each(['metadata.google.internal', 'mail.localhost', 'x.internal', 'printer.local'])('refuses the internal name %s without asking DNS', async (name) => {
    expect(await guardTarget(name, 587, opts())).toMatchObject({ ok: false, code: 'target_not_allowed', why: 'internal-name' });
  });

  it.each([22, 80, 6379, 0, 65536, 8787])('refuses port %i', async (port) => {
    expect(await guardTarget('public.test.nl', port, opts())).toMatchObject({ ok: false, code: 'port_not_allowed' });
  });

  it.each(['127.0.0.1', '0.0.0.0', '::1', '::', '::ffff:127.0.0.1', '169.254.169.254', '10.0.0.1', 'fe80::1'])('refuses the literal %s', async (ip) => {
    expect(await guardTarget(ip, 587, opts())).toMatchObject({ ok: false, code: 'target_not_allowed' });
  });
});
