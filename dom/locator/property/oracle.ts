import { fillForm, locateSmtpForm, readForm } from '../../crm-form-locator';
import { AUTH, ENC, TEXT_FIELDS } from './spec';

/**
 * The property, read from the page itself: data-real marks the controls a person would use, data-decoy
 * the twins and copies, data-extra the unrelated fields. Returns the list of broken promises (empty = holds),
 * so a saved page (test/fixtures/crm/generated/) is checked by the same code as a generated one.
 */

export interface Target {
  host: string;
  port: number;
  encryption: (typeof ENC)[number];
  authMethod: (typeof AUTH)[number];
  username: string;
  password: string;
}

/** Custom radios need the page's own script: a click checks the radio and unchecks its group. */
export function installCustomRadioScript(doc: Document): void {
  doc.addEventListener('click', (e) => {
    const r = (e.target as Element).closest?.('[role="radio"]');
    if (!r) return;
    for (const o of Array.from(doc.querySelectorAll(`[role="radio"][data-group="${r.getAttribute('data-group')}"]`))) o.setAttribute('aria-checked', String(o === r));
  });
}

const isOn = (el: Element) =>
  el.tagName === 'INPUT' ? (el as HTMLInputElement).checked : el.tagName === 'OPTION' ? (el as HTMLOptionElement).selected : el.getAttribute('aria-checked') === 'true';

/** What a person reads in the real controls. */
function seen(doc: Document) {
  const v = (f: string) => doc.querySelector<HTMLInputElement>(`[data-real="${f}"]`)?.value;
  const on = (g: string, opts: readonly string[]) => opts.find((o) => { const el = doc.querySelector(`[data-real="${g}:${o}"]`); return el && isOn(el); });
  return { host: v('host'), port: v('port'), encryption: on('enc', ENC), authMethod: on('auth', AUTH), username: v('username'), password: v('password') };
}

function snapshot(doc: Document): string[] {
  return Array.from(doc.querySelectorAll('[data-decoy], [data-extra]')).map((e) => {
    const el = e as HTMLInputElement;
    return `${e.getAttribute('data-decoy') ?? e.getAttribute('data-extra')}=${el.value ?? ''}/${isOn(e)}`;
  });
}

export function checkPage(doc: Document, target: Target): string[] {
  const broken: string[] = [];
  const form = locateSmtpForm(doc);
  if (!form) return ['the SMTP form is not found'];
  for (const f of TEXT_FIELDS) {
    const el = form.fields[f];
    if (el !== doc.querySelector(`[data-real="${f}"]`)) broken.push(`${f}: found ${el ? el.outerHTML : 'nothing'}`);
  }
  for (const [g, opts, group] of [['enc', ENC, form.encryption], ['auth', AUTH, form.auth]] as const) {
    for (const o of opts) {
      const el = group?.options[o];
      if (el !== doc.querySelector(`[data-real="${g}:${o}"]`)) broken.push(`${g}:${o}: found ${el ? el.outerHTML : 'nothing'}`);
    }
  }
  if (broken.length) return broken;
  const before = seen(doc);
  const read = readForm(doc);
  for (const k of Object.keys(before) as (keyof typeof before)[]) if ((read[k] ?? undefined) !== before[k]) broken.push(`read ${k}: ${read[k]} ≠ ${before[k]}`);
  const others = snapshot(doc);
  const r = fillForm(doc, target);
  if (r.skipped.length) broken.push(`fill skipped ${JSON.stringify(r.skipped)}`);
  const after = seen(doc);
  const creds = target.authMethod === 'password';
  const want = { host: target.host, port: String(target.port), encryption: target.encryption, authMethod: target.authMethod, username: creds ? target.username : before.username, password: creds ? target.password : before.password };
  for (const k of Object.keys(want) as (keyof typeof want)[]) if (after[k] !== want[k]) broken.push(`after fill ${k}: ${after[k]} ≠ ${want[k]}`);
  const othersAfter = snapshot(doc);
  others.forEach((s, i) => s !== othersAfter[i] && broken.push(`a decoy or unrelated field changed: ${s} → ${othersAfter[i]}`));
  return broken;
}
