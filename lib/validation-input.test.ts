import { describe, expect, it } from 'vitest';
import { parsePlainAddress, addressInDomain, checkMailDomain, checkValidationInput, composeAddress, ValidationTarget, PlainAddress, MailDomain } from './validation-input';
import { VALIDATION_FINDING_CODES } from './findings';

describe('parsePlainAddress: accepted', () => {
  it.each([
    ['jan@example.nl', 'jan@example.nl'],
    ['Jan.de.Vries@Example.NL', 'Jan.de.Vries@example.nl'],
    ['  jan@example.nl  ', 'jan@example.nl'],
    ['info+crm@sub.example.co.uk', 'info+crm@sub.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['a!#$%&*/=?^_`{|}~-@example.com', 'a!#$%&*/=?^_`{|}~-@example.com'],
    ['jan@bücher.de', 'jan@xn--bcher-kva.de'],
    ['jan@example.nl.', 'jan@example.nl'],
  ])('%j → %s', (raw, address) => {
    expect(parsePlainAddress(raw)).toMatchObject({ ok: true, address });
  });
  it('splits local part and domain', () => {
    expect(parsePlainAddress('Jan@Example.nl')).toEqual({ ok: true, address: 'Jan@example.nl', local: 'Jan', domain: 'example.nl' });
  });
});

describe('parsePlainAddress: refused', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['jan@example.nl\r\nBcc: x@evil.example', 'control'],
    ['jan@example.nl\n', 'control'],
    ['jan\u0000@example.nl', 'control'],
    ['jan@exa\tmple.nl', 'control'],
    ['jan@example.nl\u2028', 'control'],
    ['Jan <jan@example.nl>', 'angle'],
    ['<jan@example.nl>', 'angle'],
    ['jan@example.nl, piet@example.nl', 'list'],
    ['jan@example.nl;piet@example.nl', 'list'],
    ['jan de vries@example.nl', 'whitespace'],
    ['"jan"@example.nl', 'quote'],
    ['"jan@x"@example.nl', 'quote'],
    ['jan(comment)@example.nl', 'quote'],
    ['jan\\@example.nl', 'quote'],
    ['jan.example.nl', 'no-at'],
    ['jan@piet@example.nl', 'multiple-at'],
    ['@example.nl', 'local'],
    ['.jan@example.nl', 'local'],
    ['jan.@example.nl', 'local'],
    ['jan..vries@example.nl', 'local'],
    ['jän@example.nl', 'local'],
    [`${'a'.repeat(65)}@example.nl`, 'local'],
    ['jan@', 'domain'],
    ['jan@localhost', 'domain'],
    ['jan@[192.0.2.1]', 'domain'],
    ['jan@192.0.2.1', 'domain'],
    ['jan@example..nl', 'domain'],
    ['jan@-example.nl', 'domain'],
    ['jan@example.nl:25', 'domain'],
    [`jan@${'a.'.repeat(130)}nl`, 'too-long'],
  ])('%j → %s', (raw, problem) => {
    expect(parsePlainAddress(raw)).toEqual({ ok: false, problem });
  });
  it('wrong types are refused, not thrown', () => {
    for (const v of [undefined, null, 1, {}, ['a@b.nl']]) expect(parsePlainAddress(v)).toEqual({ ok: false, problem: 'empty' });
  });
});

describe('addressInDomain', () => {
  it('exact domain, case-insensitive, IDN-aware', () => {
    expect(addressInDomain('jan@example.nl', 'example.nl')).toBe(true);
    expect(addressInDomain('Jan@EXAMPLE.NL', 'Example.nl')).toBe(true);
    expect(addressInDomain('jan@bücher.de', 'xn--bcher-kva.de')).toBe(true);
    expect(addressInDomain('jan@xn--bcher-kva.de', 'BÜCHER.de')).toBe(true);
  });
  it('subdomains and look-alikes do not count', () => {
    expect(addressInDomain('jan@sales.example.nl', 'example.nl')).toBe(false);
    expect(addressInDomain('jan@example.nl', 'sales.example.nl')).toBe(false);
    expect(addressInDomain('jan@badexample.nl', 'example.nl')).toBe(false);
    expect(addressInDomain('jan@example.nl.evil.example', 'example.nl')).toBe(false);
  });
  it('invalid input is never "in"', () => {
    expect(addressInDomain('Jan <jan@example.nl>', 'example.nl')).toBe(false);
    expect(addressInDomain('jan@example.nl', '@example.nl')).toBe(false);
    expect(addressInDomain(undefined, undefined)).toBe(false);
  });
});

describe('checkMailDomain', () => {
  it.each([
    ['example.nl', 'example.nl'],
    [' Example.NL ', 'example.nl'],
    ['bücher.de', 'xn--bcher-kva.de'],
  ])('%j → %s', (raw, d) => expect(checkMailDomain(raw)).toBe(d));
  it.each(['', '@example.nl', 'jan@example.nl', 'https://example.nl', 'example', '192.0.2.1', '[::1]', 'example.nl/'])('%j is no mail domain', (raw) => {
    expect(checkMailDomain(raw)).toBeUndefined();
  });
});

describe('checkValidationInput', () => {
  const good = { domain: 'example.nl', from: 'jan@example.nl', to: 'piet@example.nl' };
  const codes = (input: Parameters<typeof checkValidationInput>[0]) => checkValidationInput(input).map((f) => f.code);

  it('a good dialog gives nothing', () => {
    expect(checkValidationInput(good)).toEqual([]);
  });
  it('domain-invalid names the Domein field', () => {
    expect(checkValidationInput({ ...good, domain: '@example.nl' })).toContainEqual({ code: 'domain-invalid', severity: 'error', field: 'domain' });
  });
  it('address-invalid names the CRM label of the field', () => {
    expect(checkValidationInput({ ...good, from: 'Jan <jan@example.nl>' })).toEqual([
      { code: 'address-invalid', severity: 'error', field: 'from', variant: 'angle', params: { field: 'Van' } },
    ]);
    expect(checkValidationInput({ ...good, to: '' })[0]).toMatchObject({ code: 'address-invalid', field: 'to', params: { field: 'Naar' } });
  });
  it('address-outside-domain gives the address and the domain for the text', () => {
    expect(checkValidationInput({ ...good, to: 'piet@sales.example.nl' })).toEqual([
      { code: 'address-outside-domain', severity: 'error', field: 'to', params: { field: 'Naar', address: 'piet@sales.example.nl', domain: 'example.nl' } },
    ]);
  });
  it('address-same is only info, case-insensitive', () => {
    expect(checkValidationInput({ ...good, to: 'JAN@example.nl' })).toEqual([{ code: 'address-same', severity: 'info', field: 'to' }]);
  });
  it('Van and Naar as the CRM dialog asks for them: the local part, the domain added ("@domein" after the field)', () => {
    expect(checkValidationInput({ domain: 'example.nl', from: 'gebruiker1', to: 'jan' })).toEqual([]);
    expect(composeAddress('gebruiker1', 'Example.NL')).toBe('gebruiker1@example.nl');
    expect(composeAddress('jan@example.nl', 'example.nl')).toBe('jan@example.nl');
    // Something really wrong in a local part is still named.
    expect(checkValidationInput({ domain: 'example.nl', from: 'jan de vries', to: 'jan' })).toEqual([
      { code: 'address-invalid', severity: 'error', field: 'from', variant: 'whitespace', params: { field: 'Van' } },
    ]);
    // Without a domain yet, a good local part is no error of its own.
    expect(codes({ domain: '', from: 'jan', to: 'piet' })).toEqual(['domain-invalid']);
  });
  it('no outside-domain finding while the domain itself is wrong', () => {
    expect(codes({ ...good, domain: 'x' })).toEqual(['domain-invalid']);
  });
  it('every validation code can be triggered', () => {
    const seen = new Set([
      ...codes({ domain: '', from: 'a b', to: 'b' }),
      ...codes({ ...good, to: 'x@other.nl' }),
      ...codes({ ...good, to: good.from }),
    ]);
    expect([...VALIDATION_FINDING_CODES].filter((c) => !seen.has(c))).toEqual([]);
  });
  it('never throws on wrong types', () => {
    for (const v of [{}, { domain: 1, from: {}, to: [] }, { from: null }]) expect(() => checkValidationInput(v)).not.toThrow();
  });
});

describe('schemas for the backend', () => {
  it('ValidationTarget normalises and accepts addresses in the domain', () => {
    expect(ValidationTarget.parse({ domain: 'BÜCHER.de', from: 'Jan@bücher.de', to: ' piet@xn--bcher-kva.de ' })).toEqual({
      domain: 'xn--bcher-kva.de',
      from: 'Jan@xn--bcher-kva.de',
      to: 'piet@xn--bcher-kva.de',
    });
  });
  it('ValidationTarget refuses addresses outside the domain, with the finding code as message and the field as path', () => {
    const r = ValidationTarget.safeParse({ domain: 'example.nl', from: 'jan@example.nl', to: 'x@sales.example.nl' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.message, i.path.join('.')])).toEqual([['address-outside-domain', 'to']]);
  });
  it('ValidationTarget refuses header injection and display names', () => {
    const r = ValidationTarget.safeParse({ domain: 'example.nl', from: 'jan@example.nl\r\nBcc: a@b.c', to: 'Piet <piet@example.nl>' });
    expect(r.error?.issues.map((i) => [i.message, i.path.join('.')])).toEqual([
      ['address-invalid', 'from'],
      ['address-invalid', 'to'],
    ]);
  });
  it('ValidationTarget refuses a bad domain and missing fields', () => {
    expect(ValidationTarget.safeParse({ domain: 'localhost', from: 'a@localhost', to: 'b@localhost' }).success).toBe(false);
    expect(ValidationTarget.safeParse({ domain: 'example.nl' }).success).toBe(false);
    expect(ValidationTarget.safeParse(null).success).toBe(false);
  });
  it('PlainAddress and MailDomain work on their own', () => {
    expect(PlainAddress.parse('Jan@Example.nl')).toBe('Jan@example.nl');
    expect(PlainAddress.safeParse('a@b').success).toBe(false);
    expect(MailDomain.parse('Example.NL')).toBe('example.nl');
    expect(MailDomain.safeParse('x'.repeat(300)).success).toBe(false);
  });
});
