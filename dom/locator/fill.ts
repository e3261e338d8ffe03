import type { SettingsDraft } from '@/lib/settings';
import { normLabel, type DialogField, type TextField } from './labels';
import { isChecked, isNativeRadio, isOption, selectOf, type RadioEl, type RadioGroup } from './choices';
import { locateSmtpForm, type SmtpForm } from './smtp-form';
import { locateValidationDialog, type ValidationDialog } from './validation-dialog';
import { win, type Control } from './visibility';

/** Reading and filling: values set the way typing and clicking set them, with input and change events. */

/** The values the admin sees in the form now (password included: callers must not send it anywhere). */
export function readForm(doc: Document | Element, form: SmtpForm | undefined = locateSmtpForm(doc)): SettingsDraft {
  if (!form) return {};
  const draft: SettingsDraft = {};
  const { host, port, username, password } = form.fields;
  if (host) draft.host = host.value;
  if (port) draft.port = port.value;
  // Radio state is read now, not taken from when the form was located.
  const checkedOf = (g: RadioGroup | undefined) => Object.entries(g?.options ?? {}).find(([, el]) => isChecked(el))?.[0];
  const encryption = checkedOf(form.encryption);
  const authMethod = checkedOf(form.auth);
  if (encryption) draft.encryption = encryption;
  if (authMethod) draft.authMethod = authMethod;
  if (username) draft.username = username.value;
  if (password) draft.password = password.value;
  return draft;
}

/** Sets a value the way typing does: the prototype's setter (frameworks watch it), then input and change. */
export function setControlValue(el: Control, value: string): void {
  el.focus?.();
  if (el.tagName === 'SELECT') {
    const sel = el as HTMLSelectElement;
    const want = normLabel(value);
    const opt = Array.from(sel.options).find((o) => normLabel(o.value) === want || normLabel(o.text) === want);
    if (opt) sel.value = opt.value;
  } else {
    let proto: object | null = Object.getPrototypeOf(el);
    let setter: ((v: string) => void) | undefined;
    while (proto && !setter) {
      setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
      proto = Object.getPrototypeOf(proto);
    }
    if (setter) setter.call(el, value);
    else el.value = value;
  }
  fire(el, 'input');
  fire(el, 'change');
}

function fire(el: Element, type: string): void {
  const Ev = win(el)?.Event;
  if (Ev) el.dispatchEvent(new Ev(type, { bubbles: true }));
}

/**
 * Chooses a radio like a click does (click fires change itself; a framework that swallows it gets one more).
 * A custom radio is only clicked: the page's own script decides, and false says it did not take it.
 */
export function chooseRadio(el: RadioEl): boolean {
  if (isChecked(el)) return true;
  if (isOption(el)) {
    const sel = selectOf(el);
    if (!sel) return false;
    setControlValue(sel, el.value);
    return el.selected;
  }
  el.focus?.();
  if (!isNativeRadio(el)) {
    el.click();
    return isChecked(el);
  }
  let changed = false;
  const mark = () => (changed = true);
  el.addEventListener('change', mark);
  el.click();
  el.removeEventListener('change', mark);
  if (!el.checked) el.checked = true;
  if (!changed) {
    fire(el, 'input');
    fire(el, 'change');
  }
  return true;
}

export type FillField = TextField | 'encryption' | 'authMethod';
export interface FillResult {
  filled: FillField[];
  skipped: { field: FillField; reason: 'not-found' | 'no-option' | 'no-effect' | 'hidden' | 'disabled' | 'readonly' }[];
}

/**
 * Fills the SMTP form from a draft: only the fields the draft has, only controls that are visible,
 * enabled and editable. Radios go first: choosing "Gebruikersnaam en wachtwoord" may reveal the
 * username and password fields, so those are looked up again afterwards.
 */
export function fillForm(doc: Document | Element, draft: SettingsDraft): FillResult {
  const result: FillResult = { filled: [], skipped: [] };
  let form = locateSmtpForm(doc);
  if (!form) {
    for (const f of ['host', 'port', 'encryption', 'authMethod', 'username', 'password'] as const) {
      if (draft[f] !== undefined) result.skipped.push({ field: f, reason: 'not-found' });
    }
    return result;
  }
  const radio = (field: 'encryption' | 'authMethod', group: RadioGroup | undefined, option: string | undefined) => {
    if (option === undefined) return;
    const el = group?.options[option];
    if (!el) return result.skipped.push({ field, reason: group ? 'no-option' : 'not-found' });
    if (!chooseRadio(el)) return result.skipped.push({ field, reason: 'no-effect' });
    result.filled.push(field);
  };
  const text = (field: TextField, value: string | number | undefined) => {
    if (value === undefined) return;
    const el = form!.fields[field];
    if (!el) {
      const blocked = form!.blocked.find((b) => b.field === field);
      return result.skipped.push({ field, reason: blocked?.reason ?? 'not-found' });
    }
    setControlValue(el, String(value));
    result.filled.push(field);
  };
  text('host', draft.host);
  text('port', draft.port);
  radio('encryption', form.encryption, draft.encryption);
  radio('authMethod', form.auth, draft.authMethod);
  form = locateSmtpForm(doc) ?? form;
  if (draft.authMethod !== 'ip-whitelist') {
    text('username', draft.username);
    text('password', draft.password);
  }
  return result;
}

export interface ValidationValues {
  domain?: string;
  from?: string;
  to?: string;
}

/** Fills Domein, Van, Naar; where the CRM shows "@domain" after Van/Naar only the part before the @ goes in. */
export function fillValidationDialog(doc: Document | Element, values: ValidationValues): { filled: DialogField[]; skipped: DialogField[] } {
  const out = { filled: [] as DialogField[], skipped: [] as DialogField[] };
  const dlg = locateValidationDialog(doc);
  for (const f of ['domain', 'from', 'to'] as const) {
    let v = values[f];
    if (v === undefined || v === '') continue;
    const el = dlg?.fields[f];
    if (!el) {
      out.skipped.push(f);
      continue;
    }
    if (f !== 'domain' && dlg?.suffix[f] && v.includes('@')) v = v.slice(0, v.lastIndexOf('@'));
    setControlValue(el, v);
    out.filled.push(f);
  }
  return out;
}

/** Domein / Van / Naar as they stand in the dialog (Van/Naar completed with the "@domain" the CRM shows). */
export function readValidationDialog(dlg: ValidationDialog): ValidationValues {
  const out: ValidationValues = {};
  for (const f of ['domain', 'from', 'to'] as const) {
    const el = dlg.fields[f];
    if (!el) continue;
    const v = el.value;
    out[f] = f !== 'domain' && dlg.suffix[f] && v && !v.includes('@') ? v + dlg.suffix[f] : v;
  }
  return out;
}
