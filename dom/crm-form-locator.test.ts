// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { checkSettings } from '@/lib/rules';
import { fillForm, locateSmtpForm, normLabel, readForm } from './crm-form-locator';
import { $, html, load, record, resetPage } from '../test/helpers/crm-dom-pages';

// The SMTP form on the hand-written fixtures (variants A and B) and small layouts; variant C/D, the
// validation dialog and the Rechten page are in locator/screens.test.ts.

beforeEach(resetPage);

describe('normLabel', () => {
  test.each([
    ['Hostnaam', 'hostnaam'],
    ['  Hostnaam:  ', 'hostnaam'],
    ['HOSTNAAM *', 'hostnaam'],
    ['Gebruikersnaam\u00a0*', 'gebruikersnaam'],
    ['Poortnummer (standaard 25)', 'poortnummer'],
    ['Gebruik  TLS\n indien beschikbaar', 'gebruik tls indien beschikbaar'],
  ])('%j → %j', (raw, want) => expect(normLabel(raw)).toBe(want));
});

describe('variant A: labels in table cells, generated ids, radio groups', () => {
  test('finds every field of the settings form and nothing of the menu', () => {
    const doc = load('smtp-a.html');
    const form = locateSmtpForm(doc)!;
    expect(form).toBeDefined();
    expect(form.fields.host).toBe($('[data-f=host]'));
    expect(form.fields.port).toBe($('[data-f=port]'));
    expect(form.fields.username).toBe($('[data-f=username]'));
    expect(form.fields.password).toBe($('[data-f=password]'));
    expect(Object.keys(form.encryption!.options).sort()).toEqual(['none', 'ssl', 'tls', 'tls-if-available']);
    // "Gebruik TLS" is a prefix of "Gebruik TLS indien beschikbaar": each radio keeps its own option.
    expect(form.encryption!.options.tls).toBe($('[data-v="enc:tls"]'));
    expect(form.encryption!.options['tls-if-available']).toBe($('[data-v="enc:tls-if-available"]'));
    expect(form.auth!.options.password).toBe($('[data-v="auth:password"]'));
    expect(form.auth!.options['ip-whitelist']).toBe($('[data-v="auth:ip-whitelist"]'));
    expect(form.container.tagName).toBe('FORM');
  });

  test('readForm gives the draft the admin sees', () => {
    const doc = load('smtp-a.html');
    $('[data-f=host]').value = 'smtp.gmail.com';
    $('[data-f=port]').value = '465';
    $('[data-v="enc:tls"]').checked = true;
    $('[data-v="auth:password"]').checked = true;
    $('[data-f=username]').value = 'ik@gmail.com';
    const draft = readForm(doc);
    expect(draft).toMatchObject({ host: 'smtp.gmail.com', port: '465', encryption: 'tls', authMethod: 'password', username: 'ik@gmail.com', password: '' });
    expect(checkSettings(draft).map((f) => f.code)).toContain('port-encryption-mismatch');
  });

  test('fillForm sets values and fires input and change on each field, radios included', () => {
    const doc = load('smtp-a.html');
    const events = record(doc);
    const r = fillForm(doc, { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', password: 'geheim' });
    expect(r.skipped).toEqual([]);
    expect(r.filled).toEqual(['host', 'port', 'encryption', 'authMethod', 'username', 'password']);
    expect($('[data-f=host]').value).toBe('smtp.office365.com');
    expect($('[data-f=port]').value).toBe('587');
    expect($('[data-v="enc:tls"]').checked).toBe(true);
    expect($('[data-v="enc:none"]').checked).toBe(false);
    expect($('[data-v="auth:password"]').checked).toBe(true);
    expect($('[data-f=username]').value).toBe('crm@bedrijf.nl');
    expect($('[data-f=password]').value).toBe('geheim');
    for (const f of ['host', 'port', 'username', 'password', 'enc:tls', 'auth:password']) {
      expect(events.filter((e) => e.f === f).map((e) => e.type)).toEqual(expect.arrayContaining(['input', 'change']));
    }
  });

  test('with IP whitelisting the credentials are not filled', () => {
    const doc = load('smtp-a.html');
    const r = fillForm(doc, { host: 'smtp-relay.gmail.com', port: 587, encryption: 'tls', authMethod: 'ip-whitelist', username: 'x', password: 'y' });
    expect(r.filled).toEqual(['host', 'port', 'encryption', 'authMethod']);
    expect($('[data-f=username]').value).toBe('');
    expect($('[data-f=password]').value).toBe('');
  });

  test('hidden credential rows are skipped, and found again once shown', () => {
    const doc = load('smtp-a.html');
    for (const row of Array.from(doc.querySelectorAll<HTMLElement>('tr.cred'))) row.style.display = 'none';
    expect(locateSmtpForm(doc)!.fields.username).toBeUndefined();
    const r = fillForm(doc, { username: 'a@b.nl' });
    expect(r.skipped).toEqual([{ field: 'username', reason: 'hidden' }]);
    expect($('[data-f=username]').value).toBe('');
    for (const row of Array.from(doc.querySelectorAll<HTMLElement>('tr.cred'))) row.style.display = '';
    expect(fillForm(doc, { username: 'a@b.nl' }).filled).toEqual(['username']);
  });
});

describe('variant B: div layout, label[for], aria-labelledby, decoys', () => {
  test('finds the real fields and none of the decoys', () => {
    const doc = load('smtp-b.html');
    const form = locateSmtpForm(doc)!;
    expect(form.fields.host).toBe($('[data-f=host]'));
    expect(form.fields.port).toBe($('[data-f=port]'));
    expect(form.fields.username).toBe($('[data-f=username]'));
    expect(form.fields.password).toBe($('[data-f=password]'));
    expect(form.encryption!.options.tls).toBe($('[data-v="enc:tls"]'));
    expect(form.encryption!.options['tls-if-available']).toBe($('[data-v="enc:tls-if-available"]'));
    expect(form.encryption!.options.ssl).toBe($('[data-v="enc:ssl"]'));
    expect(form.encryption!.options.none).toBe($('[data-v="enc:none"]'));
    expect(form.auth!.options['ip-whitelist']).toBe($('[data-v="auth:ip-whitelist"]'));
  });

  test('filling leaves every decoy empty', () => {
    const doc = load('smtp-b.html');
    const r = fillForm(doc, { host: 'smtp.office365.com', port: '587', encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', password: 'geheim' });
    expect(r.skipped).toEqual([]);
    expect($('[data-f=host]').value).toBe('smtp.office365.com');
    expect($('[data-f=password]').value).toBe('geheim');
    const decoys = Array.from(doc.querySelectorAll<HTMLInputElement>('[data-decoy]'));
    expect(decoys.length).toBe(7);
    for (const d of decoys) expect({ decoy: d.dataset.decoy, value: d.value }).toEqual({ decoy: d.dataset.decoy, value: '' });
  });

  test('a disabled or read-only field alone is reported, not filled', () => {
    const doc = html('<label for="a">Hostnaam</label><input id="a" disabled><label for="b">Poortnummer</label><input id="b" readonly>');
    expect(locateSmtpForm(doc)).toBeUndefined();
    const doc2 = html('<label for="a">Hostnaam</label><input id="a"><label for="b">Poortnummer</label><input id="b" readonly><label for="c">Gebruikersnaam</label><input id="c" disabled>');
    const r = fillForm(doc2, { host: 'h.example.nl', port: 587, username: 'u' });
    expect(r.filled).toEqual(['host']);
    expect(r.skipped).toEqual([
      { field: 'port', reason: 'readonly' },
      { field: 'username', reason: 'disabled' },
    ]);
  });
});

describe('other layouts', () => {
  test('English labels, wrapping labels and placeholders', () => {
    const doc = html(`
      <label>Host name: <input class="h"></label>
      <div><span>Port</span><input class="p"></div>
      <div><input type="radio" name="e" class="e1"> Use TLS if available <input type="radio" name="e" class="e2"> Use TLS</div>
      <input placeholder="Username" class="u"><input type="password" placeholder="Password" class="pw">`);
    const form = locateSmtpForm(doc)!;
    expect(form.fields.host).toBe($('.h'));
    expect(form.fields.port).toBe($('.p'));
    expect(form.fields.username).toBe($('.u'));
    expect(form.fields.password).toBe($('.pw'));
    expect(form.encryption!.options['tls-if-available']).toBe($('.e1'));
    expect(form.encryption!.options.tls).toBe($('.e2'));
  });

  test('aria-label and name attributes; never an id pattern', () => {
    const doc = html('<input aria-label="Hostnaam" class="h"><input name="smtp_port" class="p"><input id="host" class="decoy-id">');
    const form = locateSmtpForm(doc)!;
    expect(form.fields.host).toBe($('.h'));
    expect(form.fields.port).toBe($('.p'));
  });

  test('a page with a lone search box is not the SMTP form', () => {
    expect(locateSmtpForm(html('<input name="host"><input name="q" placeholder="Zoeken">'))).toBeUndefined();
  });

  test('aria-hidden, hidden attribute and inert subtrees are skipped', () => {
    const doc = html(`
      <div hidden><label>Hostnaam <input class="x1"></label></div>
      <div aria-hidden="true"><label>Hostnaam <input class="x2"></label></div>
      <label>Hostnaam <input class="h"></label><label>Poortnummer <input class="p"></label>`);
    expect(locateSmtpForm(doc)!.fields.host).toBe($('.h'));
  });
});
