// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { checkSettings } from '@/lib/rules';
import {
  detectScreens,
  fillForm,
  fillValidationDialog,
  locateRightsBlock,
  locateSmtpForm,
  locateValidationDialog,
  normLabel,
  readForm,
  readValidationDialog,
  rightState,
} from './crm-form-locator';

const FIXTURES = join(__dirname, '../test/fixtures/crm');

/** Loads a fixture into the live happy-dom document (scripts inserted this way do not run). */
function load(name: string): Document {
  const html = readFileSync(join(FIXTURES, name), 'utf8').replace(/<!doctype html>/i, '').replace(/<link [^>]*>/g, '');
  document.documentElement.innerHTML = html.replace(/<\/?html[^>]*>/g, '');
  return document;
}
function html(body: string): Document {
  document.body.innerHTML = body;
  return document;
}

/** Records input/change events like the fixtures' record-events.js. */
function record(doc: Document) {
  const events: { type: string; f: string; value: string }[] = [];
  for (const type of ['input', 'change']) {
    doc.addEventListener(type, (e) => {
      const el = e.target as HTMLInputElement;
      events.push({ type, f: el.dataset.f ?? el.dataset.v ?? el.name, value: el.value });
    }, true);
  }
  return events;
}
const $ = (sel: string) => document.querySelector<HTMLInputElement>(sel)!;

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

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

describe('variant C: English, modal <dialog>, column headers, custom role="radio", labels elsewhere', () => {
  const open = () => {
    const doc = load('smtp-c.html');
    doc.querySelector('dialog')!.setAttribute('open', '');
    return doc;
  };
  const at = (v: string) => document.querySelector(`[data-v="${v}"]`) as HTMLElement;
  const f = (name: string) => document.querySelector(`[data-f="${name}"]`) as HTMLInputElement;

  test('closed dialog: no form; open: every field, the radios by their own text', () => {
    load('smtp-c.html');
    expect(locateSmtpForm(document)).toBeUndefined();
    const form = locateSmtpForm(open())!;
    expect(form.fields.host).toBe(f('host'));
    expect(form.fields.port).toBe(f('port'));
    expect(Object.keys(form.encryption!.options).sort()).toEqual(['none', 'ssl', 'tls', 'tls-if-available']);
    expect(form.encryption!.options['tls-if-available']).toBe(at('enc:tls-if-available'));
    expect(form.encryption!.checked).toBe('none');
    expect(form.auth!.options.password).toBe(at('auth:password'));
    expect(form.auth!.checked).toBe('ip-whitelist');
    // User name / password rows are hidden until "Username and password" is chosen.
    expect(form.fields.username).toBeUndefined();
    expect(form.container.id).toBe('x-body');
  });

  test('labels via aria-labelledby to spans elsewhere, once shown', () => {
    const doc = open();
    doc.getElementById('x-creds')!.classList.remove('off');
    doc.getElementById('x-creds')!.removeAttribute('class');
    const form = locateSmtpForm(doc)!;
    expect(form.fields.username).toBe(f('username'));
    expect(form.fields.password).toBe(f('password'));
  });

  test('readForm reads aria-checked live; fillForm clicks a custom radio and reports when the page ignores it', () => {
    const doc = open();
    // Stand-in for the page's script: a click checks the radio in its group.
    doc.addEventListener('click', (e) => {
      const r = (e.target as Element).closest('[role="radio"]');
      if (!r || r.hasAttribute('data-inert')) return;
      for (const o of Array.from(r.parentElement!.children)) o.setAttribute('aria-checked', String(o === r));
    });
    const ev = record(doc);
    const r = fillForm(doc, { host: 'smtp.example.nl', port: 465, encryption: 'ssl' });
    expect(r).toEqual({ filled: ['host', 'port', 'encryption'], skipped: [] });
    expect(at('enc:ssl').getAttribute('aria-checked')).toBe('true');
    expect(at('enc:none').getAttribute('aria-checked')).toBe('false');
    expect(readForm(doc)).toMatchObject({ host: 'smtp.example.nl', port: '465', encryption: 'ssl', authMethod: 'ip-whitelist' });
    expect(ev.filter((e) => e.f === 'host').map((e) => e.type)).toEqual(['input', 'change']);
    at('enc:tls').setAttribute('data-inert', '');
    expect(fillForm(doc, { encryption: 'tls' }).skipped).toEqual([{ field: 'encryption', reason: 'no-effect' }]);
    expect(readForm(doc).encryption).toBe('ssl');
  });

  test('column headers count only from a header row of <th>, at the same column', () => {
    const doc = html(`
      <table><tr><th>Port</th><th>Host name</th></tr>
        <tr><td><div><div><input class="p"></div></div></td><td colspan="1"><input class="h"></td></tr></table>
      <table><tr><td>Port</td><th>Host name</th></tr><tr><td><input class="x1"></td><td><input class="x2"></td></tr></table>`);
    const form = locateSmtpForm(doc)!;
    expect(form.fields.host).toBe($('.h'));
    expect(form.fields.port).toBe($('.p'));
  });
});

describe('validation dialog', () => {
  test('is found once inserted, fields by label, "@domain" suffix honoured', () => {
    const doc = load('validation.html');
    expect(locateValidationDialog(doc)).toBeUndefined();
    const tpl = readFileSync(join(FIXTURES, 'validation.html'), 'utf8');
    const inner = /wrap\.innerHTML = `([\s\S]*?)`;/.exec(tpl)![1]!;
    const wrap = doc.createElement('div');
    wrap.innerHTML = inner;
    doc.body.append(wrap);
    const dlg = locateValidationDialog(doc)!;
    expect(dlg).toBeDefined();
    expect(dlg.dialog.getAttribute('role')).toBe('dialog');
    expect(dlg.suffix).toEqual({ from: '@PerfectView.nl', to: '@PerfectView.nl' });
    const events = record(doc);
    const r = fillValidationDialog(doc, { domain: 'perfectview.nl', from: 'gebruiker1@perfectview.nl', to: 'gebruiker2@perfectview.nl' });
    expect(r.filled).toEqual(['domain', 'from', 'to']);
    expect($('#id_910').value).toBe('perfectview.nl');
    expect($('#id_911').value).toBe('gebruiker1');
    expect($('#id_912').value).toBe('gebruiker2');
    expect(events.map((e) => e.type)).toEqual(['input', 'change', 'input', 'change', 'input', 'change']);
    expect(readValidationDialog(dlg)).toEqual({ domain: 'perfectview.nl', from: 'gebruiker1@PerfectView.nl', to: 'gebruiker2@PerfectView.nl' });
    expect(detectScreens(doc).validation).toBeDefined();
  });

  test('without a suffix the whole address goes in', () => {
    const doc = html(`<div role="dialog"><h3>SMTP server validatie</h3>
      <label>Domein <input class="d"></label><label>Van <input class="f"></label><label>Naar <input class="t"></label></div>`);
    fillValidationDialog(doc, { from: 'a@x.nl', to: 'b@x.nl' });
    expect($('.f').value).toBe('a@x.nl');
    expect($('.t').value).toBe('b@x.nl');
  });
});

describe('Rechten page', () => {
  test('finds the block, not the menu link, and reads on/off from its class', () => {
    const on = locateRightsBlock(load('rights-on.html'))!;
    expect(on.block.id).toBe('id_713');
    expect(on.state).toBe('on');
    const off = locateRightsBlock(load('rights-off.html'))!;
    expect(off.block.id).toBe('id_713');
    expect(off.state).toBe('off');
    expect(detectScreens(document).rights?.state).toBe('off');
    expect(detectScreens(document).smtp).toBeUndefined();
  });

  test.each([
    ['<div role="switch" aria-checked="true">Eigen mailserver</div>', 'on'],
    ['<div role="switch" aria-checked="false">Eigen mailserver</div>', 'off'],
    ['<label><input type="checkbox" checked> Eigen mailserver</label>', 'on'],
    ['<label><input type="checkbox"> Eigen mailserver</label>', 'off'],
    ['<div class="right is-active"><span>Eigen mailserver</span></div>', 'on'],
    ['<div class="right inactive"><span>Eigen mailserver</span></div>', 'off'],
    ['<div class="tile"><span>Eigen mailserver</span><i class="toggle toggle--on"></i></div>', 'on'],
    ['<div data-state="off"><span>Eigen mailserver</span></div>', 'off'],
    ['<div style="background-color: rgb(76, 175, 80)">Eigen mailserver</div>', 'on'],
    ['<div style="background-color: rgb(217, 221, 226)">Eigen mailserver</div>', 'off'],
  ])('%s → %s', (markup, state) => {
    const found = locateRightsBlock(html(`<div class="list">${markup}<div class="x">Telefonie</div></div>`))!;
    expect(found.state).toBe(state);
    expect(rightState(found.block)).toBe(state);
  });
});

describe('Rechten page, rows with a switch (role="switch" aria-checked) next to a description', () => {
  test('the state is the switch in the row of "Eigen mailserver", not its neighbours', () => {
    const doc = load('rights-switch.html');
    const found = locateRightsBlock(doc)!;
    expect(found.block.tagName).toBe('TR');
    expect(found.block.textContent).toContain('Eigen mailserver');
    expect(found.state).toBe('on');
    doc.getElementById('r-mail')!.setAttribute('aria-checked', 'false');
    expect(locateRightsBlock(doc)!.state).toBe('off');
    expect(detectScreens(doc).rights?.state).toBe('off');
  });
});

describe('not the Rechten page', () => {
  test('a heading "Eigen e-mailserver" or a lone mention is not the rights block', () => {
    expect(locateRightsBlock(load('validation.html'))).toBeUndefined();
    expect(locateRightsBlock(html('<h1>Eigen mailserver</h1><p>Eigen mailserver</p>'))).toBeUndefined();
    expect(locateRightsBlock(html('<h1>Rechten</h1><div class="tile">Eigen mailserver</div>'))?.state).toBe('unknown');
  });
});

describe('variant D: definition list, drop-downs for Encryptie and Authenticatie', () => {
  test('reads the chosen options, ignores an unrelated drop-down with "None", and fills the drop-downs', () => {
    const doc = load('smtp-d.html');
    const enc = doc.querySelector<HTMLSelectElement>('[data-f="enc"]')!;
    // happy-dom mis-parses <option selected>, so the page's state is set by script, as the CRM's own code would.
    enc.value = '2';
    expect(readForm(doc)).toMatchObject({ host: '', port: '25', encryption: 'tls', authMethod: 'password' });
    const form = locateSmtpForm(doc)!;
    expect(Object.keys(form.encryption!.options).sort()).toEqual(['none', 'ssl', 'tls', 'tls-if-available']);
    expect(form.encryption!.options.none?.closest('select')).toBe(enc);

    const r = fillForm(doc, { host: 'smtp.office365.com', port: 587, encryption: 'tls-if-available', authMethod: 'ip-whitelist' });
    expect(r.skipped).toEqual([]);
    expect(enc.value).toBe('3');
    expect(doc.querySelector<HTMLSelectElement>('[data-f="auth"]')!.value).toBe('b');
    expect(doc.querySelector<HTMLSelectElement>('select[name="view"]')!.value).toBe('None');
    expect(readForm(doc)).toMatchObject({ host: 'smtp.office365.com', port: '587', encryption: 'tls-if-available', authMethod: 'ip-whitelist' });
  });
});
