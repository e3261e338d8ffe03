import { describe, expect, it } from 'vitest';
import { checkHost, isIPv4, isIPv6 } from './host';
import { normalizeHost } from './host-name';

describe('checkHost: accepted', () => {
  it.each([
    ['smtp.example.com', 'smtp.example.com', 'name'],
    ['SMTP.Example.COM', 'smtp.example.com', 'name'],
    ['smtp.example.com.', 'smtp.example.com', 'name'],
    ['mail-1.sub.example.co.uk', 'mail-1.sub.example.co.uk', 'name'],
    ['bücher.de', 'xn--bcher-kva.de', 'name'],
    ['MAIL.BÜCHER.DE', 'mail.xn--bcher-kva.de', 'name'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de', 'name'],
    ['203.0.113.10', '203.0.113.10', 'ipv4'],
    ['0.0.0.0', '0.0.0.0', 'ipv4'],
    ['2001:db8::1', '2001:db8::1', 'ipv6'],
    ['[2001:DB8::1]', '2001:db8::1', 'ipv6'],
    ['::1', '::1', 'ipv6'],
    ['::', '::', 'ipv6'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1', 'ipv6'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8', 'ipv6'],
  ])('%j → %s (%s)', (raw, host, kind) => {
    expect(checkHost(raw)).toEqual({ ok: true, host, kind });
  });
});

describe('checkHost: refused, with the reason', () => {
  it.each([
    ['', 'empty'],
    [' smtp.example.com', 'whitespace'],
    ['smtp.example.com ', 'whitespace'],
    ['smtp .example.com', 'whitespace'],
    ['smtp.example.com\r\n', 'control'],
    ['smtp.example.com\n', 'control'],
    ['smtp\u0000.example.com', 'control'],
    ['http://smtp.example.com', 'scheme'],
    ['smtp://smtp.example.com:587', 'scheme'],
    ['http://x', 'scheme'],
    ['jan@example.com', 'userinfo'],
    ['smtp.example.com/path', 'path'],
    ['smtp.example.com?x', 'path'],
    ['smtp.example.com:587', 'port-suffix'],
    ['smtp.example.com:', 'port-suffix'],
    ['[2001:db8::1]:25', 'port-suffix'],
    ['203.0.113.10:25', 'port-suffix'],
    ['0x7f.1', 'bad-ip'],
    ['2130706433', 'bad-ip'],
    ['127.1', 'bad-ip'],
    ['0177.0.0.1', 'bad-ip'],
    ['010.1.1.1', 'bad-ip'],
    ['256.1.1.1', 'bad-ip'],
    ['1.2.3.4.5', 'bad-ip'],
    ['0x7f000001', 'bad-ip'],
    ['fe80::1%eth0', 'bad-ip'],
    ['1::2::3', 'bad-ip'],
    ['1:2:3:4:5:6:7:8:9', 'bad-ip'],
    ['[smtp.example.com]', 'bad-ip'],
    ['localhost', 'single-label'],
    ['smtp', 'single-label'],
    ['-smtp.example.com', 'bad-label'],
    ['smtp-.example.com', 'bad-label'],
    ['smtp..example.com', 'bad-label'],
    ['.example.com', 'bad-label'],
    ['smtp_relay.example.com', 'bad-label'],
    ['ex%61mple.com', 'bad-label'],
    ['bü%2ecom', 'bad-label'],
    [`${'a'.repeat(64)}.com`, 'bad-label'],
    [`${'a.'.repeat(130)}com`, 'too-long'],
  ])('%j → %s', (raw, problem) => {
    expect(checkHost(raw)).toEqual({ ok: false, problem });
  });

  it('a converter that throws gives bad-label, not an exception', () => {
    expect(checkHost('bücher.de', () => { throw new Error('no IDN here'); })).toEqual({ ok: false, problem: 'bad-label' });
  });
  it('the platform converter is used for non-ASCII names', () => {
    expect(checkHost('bücher.de', () => 'converted.example')).toEqual({ ok: true, host: 'converted.example', kind: 'name' });
  });
});

describe('isIPv4 / isIPv6', () => {
  it('isIPv4 is strict dotted quad', () => {
    expect(['1.2.3.4', '255.255.255.255', '0.0.0.0'].every(isIPv4)).toBe(true);
    expect(['1.2.3', '01.2.3.4', '1.2.3.256', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4.', '0x1.2.3.4'].some(isIPv4)).toBe(false);
  });
  it('isIPv6 takes RFC 4291 text forms, no zone ids', () => {
    expect(['::', '::1', '2001:db8::', 'fe80::1:2', '::ffff:1.2.3.4', '64:ff9b::192.0.2.33'].every(isIPv6)).toBe(true);
    expect(['1.2.3.4', ':', ':::', '12345::', 'g::1', 'fe80::1%1', '::ffff:1.2.3', '::1.2.3.4.5'].some(isIPv6)).toBe(false);
  });
});

describe('normalizeHost', () => {
  it('trims, folds case and drops the trailing dot, and nothing more', () => {
    expect([' Mail.Bedrijf.NL. ', 'smtp.office365.com', 'a.b..', ''].map(normalizeHost)).toEqual(['mail.bedrijf.nl', 'smtp.office365.com', 'a.b.', '']);
  });
});
