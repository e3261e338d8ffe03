// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { fillForm, locateSmtpForm, readForm } from '../crm-form-locator';
import { FIELD_TABLE, optionFor, normLabel, ENCRYPTION_OPTIONS, AUTH_OPTIONS } from './labels';
import { $, load, resetPage } from '../../test/helpers/crm-dom-pages';

// Issue 10 §1: a control is found by what a person sees. Hidden, off-screen, zero-size and disabled
// twins are skipped without stopping the search; radios span rows and columns with bare-text or
// next-cell labels; the CRM's label typos and spacing are read as the label.

beforeEach(resetPage);

describe('label variants', () => {
  test.each([
    ['Hostnaam:', 'host'],
    ['HOSTNAAM', 'host'],
    ['Host naam', 'host'],
    ['SMTP-server', 'host'],
    ['Poort nummer', 'port'],
    ['Poort\u00a0nummer :', 'port'],
    ['Poortnumer', 'port'],
    ['Gebruikernaam', 'username'],
    ['Gebruikersnaam *', 'username'],
    ['Wachtwoord\u00a0:', 'password'],
    ['Wachtwoord (verplicht)', 'password'],
    ['Van:', 'from'],
  ])('%j names %s', (text, field) => expect(FIELD_TABLE.match(text)).toBe(field));

  test.each(['Postcode', 'Hostnamen van de server', 'Wachtwoord herhalen', 'Vanaf', 'Naam', 'Onderwerp'])('%j names no field', (text) =>
    expect(FIELD_TABLE.match(text)).toBeUndefined(),
  );

  test('option labels: longest prefix, and one typo in a long label', () => {
    expect(optionFor(normLabel('Gebruik TLS indien beschikbaar'), ENCRYPTION_OPTIONS)).toBe('tls-if-available');
    expect(optionFor(normLabel('Gebruik TLS'), ENCRYPTION_OPTIONS)).toBe('tls');
    expect(optionFor(normLabel('Gebruik  SSL\u00a0'), ENCRYPTION_OPTIONS)).toBe('ssl');
    expect(optionFor(normLabel('Gebruikernaam en wachtwoord'), AUTH_OPTIONS)).toBe('password');
    expect(optionFor(normLabel('Gebruikersnaam en wachtwood'), AUTH_OPTIONS)).toBe('password');
    expect(optionFor(normLabel('Geen idee'), ENCRYPTION_OPTIONS)).toBeUndefined();
  });
});

describe('variant E: the ASP.NET table of issue 10', () => {
  test('finds the visible control in each cell, never the hidden, off-screen, zero-size or disabled twin', () => {
    const doc = load('smtp-e.html');
    const form = locateSmtpForm(doc)!;
    expect(form).toBeDefined();
    expect(form.fields.host).toBe($('[data-f=host]'));
    expect(form.fields.port).toBe($('[data-f=port]'));
    expect(form.fields.username).toBe($('[data-f=username]'));
    expect(form.fields.password).toBe($('[data-f=password]'));
    for (const el of Object.values(form.fields)) expect(el!.hasAttribute('data-decoy')).toBe(false);
    // Radios over two rows and two columns, labels as bare text after each input.
    for (const o of ['none', 'ssl', 'tls-if-available', 'tls']) expect(form.encryption!.options[o]).toBe($(`[data-v="enc:${o}"]`));
    // Labels in the next cell.
    expect(form.auth!.options.password).toBe($('[data-v="auth:password"]'));
    expect(form.auth!.options['ip-whitelist']).toBe($('[data-v="auth:ip-whitelist"]'));
    expect(form.container.tagName).toBe('FORM');
  });

  test('reads what the admin sees', () => {
    const doc = load('smtp-e.html');
    expect(readForm(doc)).toEqual({ host: '', port: '25', encryption: 'none', authMethod: 'ip-whitelist', username: '', password: '' });
  });

  test('fills the visible controls with input and change events and leaves every twin alone', () => {
    const doc = load('smtp-e.html');
    const events: string[] = [];
    for (const type of ['input', 'change']) doc.addEventListener(type, (e) => events.push(`${type}:${(e.target as HTMLElement).dataset.f ?? (e.target as HTMLElement).dataset.v ?? (e.target as HTMLElement).dataset.decoy}`), true);
    const decoys = Array.from(doc.querySelectorAll<HTMLInputElement>('[data-decoy]')).map((d) => [d, d.value] as const);
    const r = fillForm(doc, { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', password: 'geheim' });
    expect(r.skipped).toEqual([]);
    expect(r.filled).toEqual(['host', 'port', 'encryption', 'authMethod', 'username', 'password']);
    expect(readForm(doc)).toEqual({ host: 'smtp.office365.com', port: '587', encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', password: 'geheim' });
    for (const [d, v] of decoys) expect(d.value).toBe(v);
    for (const f of ['host', 'port', 'username', 'password', 'enc:tls', 'auth:password']) {
      expect(events).toContain(`input:${f}`);
      expect(events).toContain(`change:${f}`);
    }
    expect(events.some((e) => e.includes('-'))).toBe(false); // no event on a decoy (their names carry a dash)
  });
});

describe('visibility rules', () => {
  const page = (hidden: string) => `<table>
    <tr><td>Hostnaam</td><td>${hidden}<input data-f="host"></td></tr>
    <tr><td>Poortnummer</td><td><input data-f="port"></td></tr></table>`;
  test.each([
    ['type=hidden', '<input type="hidden" value="x">'],
    ['display:none', '<input style="display:none">'],
    ['visibility:hidden', '<input style="visibility:hidden">'],
    ['hidden attribute', '<input hidden>'],
    ['off-screen', '<input style="position:absolute;left:-9999px">'],
    ['zero size', '<input style="width:0;height:0">'],
    ['disabled', '<input disabled>'],
    ['read-only', '<input readonly>'],
    ['aria-hidden wrapper', '<span aria-hidden="true"><input></span>'],
    ['display:none wrapper', '<div style="display:none"><input></div>'],
  ])('a %s twin before the field is skipped', (_name, twin) => {
    document.body.innerHTML = page(twin);
    const form = locateSmtpForm(document)!;
    expect(form.fields.host).toBe($('[data-f=host]'));
    expect(form.fields.port).toBe($('[data-f=port]'));
  });

  test('a visible control between label and field takes the label (no guessing past it)', () => {
    document.body.innerHTML = `<table><tr><td>Hostnaam</td><td><input data-other><input data-f="host"></td></tr>
      <tr><td>Poortnummer</td><td><input data-f="port"></td></tr></table>`;
    expect(locateSmtpForm(document)?.fields.host).not.toBe($('[data-f=host]'));
  });

  test('a label cell above the field (a table in columns without <th>)', () => {
    document.body.innerHTML = `<table><tr><td>Hostnaam</td><td>Poort nummer</td></tr>
      <tr><td><input type="hidden"><input data-f="host"></td><td><input data-f="port"></td></tr></table>`;
    const form = locateSmtpForm(document)!;
    expect(form.fields.host).toBe($('[data-f=host]'));
    expect(form.fields.port).toBe($('[data-f=port]'));
  });
});
