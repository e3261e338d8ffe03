// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  detectScreens,
  fillForm,
  fillValidationDialog,
  locateRightsBlock,
  locateSmtpForm,
  locateValidationDialog,
  readForm,
  readValidationDialog,
  rightState,
} from '../crm-form-locator';
import { $, FIXTURES, html, load, record, resetPage } from '../../test/helpers/crm-dom-pages';

// Variants C (English, modal <dialog>, custom radios) and D (drop-downs), the validation dialog, the Rechten page.

beforeEach(resetPage);

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
