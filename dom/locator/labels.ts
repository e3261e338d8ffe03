import {
  AUTH_VARIANTS,
  DIALOG_TITLE_VARIANTS,
  ENCRYPTION_VARIANTS,
  FIELD_VARIANTS,
  RIGHT_VARIANTS,
  RIGHTS_PAGE_VARIANTS,
  type CrmDialogField,
  type CrmTextField,
} from '@/lib/crm-labels';

/**
 * The label tables the locator reads with, built from the one list of the CRM's labels (lib/crm-labels.ts),
 * and the rules that say when two label texts are the same label.
 */

export type TextField = CrmTextField;
export type DialogField = CrmDialogField;

/** Normalises label text: nbsp, case, whitespace, asterisks, colons and "(…)" notes don't matter. */
export function normLabel(s: string): string {
  return s
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[*:：]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A label as a key: normalised, then without spaces, hyphens and dots ("Poort nummer" = "Poortnummer", "SMTP-server" = "smtp server"). */
export const labelKey = (s: string): string => normLabel(s).replace(/[\s\-–.]/g, '');

/** At most one letter added, dropped, changed or two swapped: the CRM's own typos ("Gebruikernaam"). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x: number, y: number) => a.slice(i + x) === b.slice(i + y);
  if (a.length === b.length) return rest(1, 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(2, 2));
  return a.length > b.length ? rest(1, 0) : rest(0, 1);
}

/** A label table: each key accepts its spellings exactly, and long ones (≥ 8 letters) with one typo. */
export class LabelTable<K extends string> {
  private readonly exact = new Map<string, K>();
  private readonly fuzzy: [string, K][] = [];
  constructor(variants: Record<K, readonly string[]>) {
    for (const [k, list] of Object.entries(variants) as [K, readonly string[]][]) {
      for (const v of list) {
        const key = labelKey(v);
        this.exact.set(key, k);
        if (key.length >= 8) this.fuzzy.push([key, k]);
      }
    }
  }
  /** The field a label text names, or undefined. */
  match(text: string): K | undefined {
    const key = labelKey(text);
    if (!key) return undefined;
    const hit = this.exact.get(key);
    if (hit) return hit;
    if (key.length < 7) return undefined;
    const near = new Set(this.fuzzy.filter(([v]) => oneEditApart(key, v)).map(([, k]) => k));
    return near.size === 1 ? [...near][0] : undefined;
  }
  /** Whether a text is one of this key's labels. */
  is(text: string, k: K): boolean {
    return this.match(text) === k;
  }
}

export const FIELD_TABLE = new LabelTable(FIELD_VARIANTS);

/** name attributes, compared without separators or case ("smtp_host" → "smtphost"): code names, not labels. */
export const NAMES: Record<TextField | DialogField, string[]> = {
  host: ['host', 'hostname', 'hostnaam', 'smtphost', 'smtpserver', 'server', 'mailserver'],
  port: ['port', 'poort', 'poortnummer', 'smtpport'],
  username: ['username', 'user', 'gebruikersnaam', 'gebruikernaam', 'login', 'smtpuser', 'smtpusername'],
  password: ['password', 'wachtwoord', 'pass', 'smtppassword', 'smtppass'],
  domain: ['domain', 'domein'],
  from: ['from', 'van', 'sender'],
  to: ['to', 'naar', 'recipient'],
};
export const squash = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');

/** An option table for a radio group: [normalised label, option] pairs, matched by the longest prefix. */
export type OptionTable = [string, string][];
const optionTable = (variants: Record<string, readonly string[]>): OptionTable =>
  Object.entries(variants).flatMap(([option, list]) => list.map((v): [string, string] => [normLabel(v), option]));
export const ENCRYPTION_OPTIONS = optionTable(ENCRYPTION_VARIANTS);
export const AUTH_OPTIONS = optionTable(AUTH_VARIANTS);

/** The table's option for a label: exact or the longest prefix; `exact` for values ("ssl", "tls"). */
export function optionFor(t: string, table: OptionTable, exact = false): string | undefined {
  let hit: [string, string] | undefined;
  for (const entry of table) {
    const ok = exact ? t === entry[0] || t === entry[1] : t === entry[0] || t.startsWith(entry[0] + ' ');
    if (ok && (!hit || entry[0].length > hit[0].length)) hit = entry;
  }
  if (hit || exact) return hit?.[1];
  // One typo in a long option label ("Gebruikernaam en wachtwoord"): compared as keys.
  const key = labelKey(t);
  const near = new Set(table.filter(([l]) => l.length >= 10 && oneEditApart(key, labelKey(l))).map(([, o]) => o));
  return near.size === 1 ? [...near][0] : undefined;
}

const keys = (list: readonly string[]) => list.map(labelKey);
export const DIALOG_TITLE_KEYS = keys(DIALOG_TITLE_VARIANTS);
export const RIGHT_KEYS = keys(RIGHT_VARIANTS);
export const RIGHTS_PAGE_KEYS = keys(RIGHTS_PAGE_VARIANTS);
