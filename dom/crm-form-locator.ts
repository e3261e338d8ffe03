import type { SettingsDraft } from '@/lib/settings';

/**
 * Finds the CRM's "Eigen mailserver" screens and their fields in a Document passed in.
 * The CRM generates element ids (id_355), so fields are found the way a person finds them: by their
 * visible label (label[for], a wrapping label, aria-labelledby/aria-label, the text in the cell or
 * element before the control), then by name/placeholder. Ids are only followed as references
 * (for=, aria-labelledby=), never matched as patterns. Hidden, disabled, read-only and decoy
 * controls are never returned.
 */

export type TextField = 'host' | 'port' | 'username' | 'password';
export type DialogField = 'domain' | 'from' | 'to';
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

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

const LABELS: Record<TextField | DialogField, string[]> = {
  host: ['hostnaam', 'host naam', 'host name', 'hostname', 'host', 'smtp server', 'smtp-server', 'smtp host'],
  port: ['poortnummer', 'poort', 'port', 'port number', 'smtp port'],
  username: ['gebruikersnaam', 'gebruikernaam', 'username', 'user name', 'login'],
  password: ['wachtwoord', 'password'],
  domain: ['domein', 'domain'],
  from: ['van', 'from'],
  to: ['naar', 'to'],
};

/** name attributes, compared without separators or case ("smtp_host" → "smtphost"). */
const NAMES: Record<TextField | DialogField, string[]> = {
  host: ['host', 'hostname', 'hostnaam', 'smtphost', 'smtpserver', 'server', 'mailserver'],
  port: ['port', 'poort', 'poortnummer', 'smtpport'],
  username: ['username', 'user', 'gebruikersnaam', 'gebruikernaam', 'login', 'smtpuser', 'smtpusername'],
  password: ['password', 'wachtwoord', 'pass', 'smtppassword', 'smtppass'],
  domain: ['domain', 'domein'],
  from: ['from', 'van', 'sender'],
  to: ['to', 'naar', 'recipient'],
};

/** Radio labels; the longest matching prefix wins, so "Gebruik TLS indien beschikbaar" never reads as "Gebruik TLS". */
const ENCRYPTION_LABELS: [string, string][] = [
  ['geen encryptie', 'none'],
  ['no encryption', 'none'],
  ['none', 'none'],
  ['gebruik ssl', 'ssl'],
  ['use ssl', 'ssl'],
  ['ssl', 'ssl'],
  ['gebruik tls indien beschikbaar', 'tls-if-available'],
  ['tls indien beschikbaar', 'tls-if-available'],
  ['use tls if available', 'tls-if-available'],
  ['tls if available', 'tls-if-available'],
  ['gebruik tls', 'tls'],
  ['use tls', 'tls'],
  ['tls', 'tls'],
];
const AUTH_LABELS: [string, string][] = [
  ['gebruikersnaam en wachtwoord', 'password'],
  ['gebruikernaam en wachtwoord', 'password'],
  ['username and password', 'password'],
  ['user name and password', 'password'],
  ['ip whitelisting', 'ip-whitelist'],
  ['ip-whitelisting', 'ip-whitelist'],
  ['ip whitelist', 'ip-whitelist'],
  ['ip allowlisting', 'ip-whitelist'],
  ['ip allowlist', 'ip-whitelist'],
];

const CONTROL_SELECTOR = 'input, textarea, select';
const TEXT_TYPES = new Set(['', 'text', 'email', 'number', 'tel', 'password', 'search', 'url']);

// ---------- visibility and usability ----------

function win(el: Element): (Window & typeof globalThis) | null {
  return el.ownerDocument.defaultView as (Window & typeof globalThis) | null;
}

/** Whether real layout exists (a browser) or not (happy-dom): size checks only make sense with layout. */
function hasLayout(doc: Document): boolean {
  const r = doc.documentElement.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

const OFFSCREEN = -500;

/** Hidden in any way a person could not see or reach it: hidden attr, display:none, visibility, aria-hidden, off-screen, zero size. */
export function isHidden(el: Element): boolean {
  const w = win(el);
  if (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'hidden') return true;
  for (let n: Element | null = el; n; n = n.parentElement) {
    if (n.hasAttribute('hidden') || n.getAttribute('aria-hidden') === 'true' || n.hasAttribute('inert')) return true;
    const cs = w?.getComputedStyle(n);
    if (!cs) continue;
    if (cs.display === 'none') return true;
    if (n === el && (cs.visibility === 'hidden' || cs.visibility === 'collapse')) return true;
    if ((cs.position === 'absolute' || cs.position === 'fixed') && (parseFloat(cs.left) < OFFSCREEN || parseFloat(cs.top) < OFFSCREEN)) return true;
    if (n.tagName === 'DIALOG' && !n.hasAttribute('open')) return true;
  }
  if (hasLayout(el.ownerDocument)) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return true;
    const sx = w?.scrollX ?? 0;
    const sy = w?.scrollY ?? 0;
    if (r.right + sx < 0 || r.bottom + sy < 0) return true;
  }
  return false;
}

/** Why a control may not be touched, or undefined when it may (custom controls: aria-disabled/readonly). */
export function unusableReason(el: Control | HTMLElement): 'hidden' | 'disabled' | 'readonly' | undefined {
  if ((el as Control).disabled || el.closest('fieldset[disabled]')) return 'disabled';
  if ('readOnly' in el && el.readOnly) return 'readonly';
  if (el.getAttribute('aria-disabled') === 'true' || el.getAttribute('aria-readonly') === 'true') return 'readonly';
  if (isHidden(el)) return 'hidden';
  return undefined;
}

// ---------- label text ----------

/** The text a person reads in an element, leaving out controls (a select's options, buttons) and scripts. */
export function visibleText(el: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === 3) out += n.nodeValue ?? '';
    else if (n.nodeType === 1) {
      const e = n as Element;
      if (/^(INPUT|SELECT|TEXTAREA|BUTTON|SCRIPT|STYLE|TEMPLATE|OPTION)$/.test(e.tagName)) return;
      if (e.getAttribute('aria-hidden') === 'true' || e.hasAttribute('hidden')) return;
      for (const c of Array.from(e.childNodes)) walk(c);
      if (/^(DIV|P|BR|LI|TD|TH|TR)$/.test(e.tagName)) out += ' ';
    }
  };
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}

function byId(doc: Document, id: string): Element | null {
  return id ? doc.getElementById(id) : null;
}

/** label[for] texts by id, built once per lookup (one pass over the labels instead of one per control). */
type LabelMap = Map<string, string[]>;
function labelMap(doc: Document): LabelMap {
  const map: LabelMap = new Map();
  for (const l of Array.from(doc.querySelectorAll('label'))) {
    if (!l.htmlFor) continue;
    const list = map.get(l.htmlFor) ?? [];
    list.push(visibleText(l));
    map.set(l.htmlFor, list);
  }
  return map;
}

/** Text of the explicit labels: aria-labelledby, aria-label, label[for], a wrapping label. */
function explicitLabels(el: Element, labels: LabelMap = labelMap(el.ownerDocument)): string[] {
  const doc = el.ownerDocument;
  const out: string[] = [];
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    out.push(
      labelledBy
        .split(/\s+/)
        .map((id) => byId(doc, id))
        .filter((e): e is Element => !!e)
        .map(visibleText)
        .join(' '),
    );
  }
  const aria = el.getAttribute('aria-label');
  if (aria) out.push(aria);
  if (el.id) out.push(...(labels.get(el.id) ?? []));
  const wrap = el.closest('label');
  if (wrap) out.push(visibleText(wrap));
  return out.filter((s) => s.trim() !== '');
}

/** The text just before a control: the previous cell in a table row, or a previous sibling in a div layout. */
function precedingText(el: Element): string | undefined {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 3; depth++) {
    for (let s = node.previousElementSibling; s; s = s.previousElementSibling) {
      if (s.querySelector(CONTROL_SELECTOR) || s.matches(CONTROL_SELECTOR)) return undefined;
      const t = visibleText(s);
      if (t) return t;
    }
    // A text node right before the control counts too ("Van <input>").
    const prevText = node.previousSibling;
    if (prevText?.nodeType === 3 && prevText.nodeValue?.trim()) return prevText.nodeValue.trim();
    const parent: Element | null = node.parentElement;
    if (!parent || parent.querySelectorAll(CONTROL_SELECTOR).length > 1 || parent.tagName === 'FORM' || parent.tagName === 'TABLE') return undefined;
    node = parent;
  }
  return undefined;
}

/** Text right after a radio when it has no label element ("<input type=radio> Gebruik SSL"). */
function followingText(el: Element): string | undefined {
  let out = '';
  for (let n = el.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 1 && ((n as Element).matches(CONTROL_SELECTOR) || (n as Element).querySelector(CONTROL_SELECTOR))) break;
    out += ' ' + visibleText(n);
    if (out.trim()) break;
  }
  return out.trim() || undefined;
}

/**
 * The column header above a control in a table laid out in columns ("Host name | Port" over a row of
 * inputs): the cell at the same position in a header row made only of <th>.
 */
function columnHeader(el: Element): string | undefined {
  const cell = el.closest('td');
  const row = cell?.parentElement;
  const table = row?.closest('table');
  if (!cell || !row || !table || cell.querySelectorAll(CONTROL_SELECTOR).length !== 1) return undefined;
  const col = (c: Element) => {
    let x = 0;
    for (let p = c.previousElementSibling; p; p = p.previousElementSibling) x += (p as HTMLTableCellElement).colSpan || 1;
    return x;
  };
  const at = col(cell);
  const header = Array.from(table.querySelectorAll('tr')).find((r) => r !== row && r.closest('table') === table && r.children.length > 0 && Array.from(r.children).every((c) => c.tagName === 'TH'));
  const th = header && Array.from(header.children).find((c) => col(c) === at);
  return th ? visibleText(th) || undefined : undefined;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

interface ControlInfo {
  explicit: string[];
  before?: string;
  name: string;
  placeholder: string;
}
function controlInfo(el: Element, labels: LabelMap): ControlInfo {
  const before = precedingText(el) ?? columnHeader(el);
  return {
    explicit: explicitLabels(el, labels).map(normLabel),
    before: before === undefined ? undefined : normLabel(before),
    name: squash(el.getAttribute('name') ?? ''),
    placeholder: normLabel(el.getAttribute('placeholder') ?? ''),
  };
}

/** How well a control's labels name a field: 3 explicit label, 2 the text before it, 1 name/placeholder, 0 not. */
function fieldScore(info: ControlInfo, field: TextField | DialogField): number {
  const wanted = LABELS[field];
  if (info.explicit.some((t) => wanted.includes(t))) return 3;
  if (info.before !== undefined && wanted.includes(info.before)) return 2;
  if (info.name && NAMES[field].includes(info.name)) return 1;
  if (info.placeholder && wanted.includes(info.placeholder)) return 1;
  return 0;
}

function isTextControl(el: Element): el is Control {
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && TEXT_TYPES.has(((el as HTMLInputElement).getAttribute('type') ?? '').toLowerCase());
}

export interface Blocked {
  field: string;
  reason: 'hidden' | 'disabled' | 'readonly';
}

/** The best usable control for each field inside root; labelled controls that may not be touched land in `blocked`. */
function findTextFields<F extends TextField | DialogField>(root: ParentNode, fields: readonly F[], blocked?: Blocked[]): Partial<Record<F, Control>> {
  const controls = Array.from(root.querySelectorAll(CONTROL_SELECTOR)).filter(isTextControl);
  const doc = 'ownerDocument' in root && root.ownerDocument ? root.ownerDocument : (root as Document);
  const labels = labelMap(doc);
  const infos = new Map(controls.map((c) => [c, controlInfo(c, labels)]));
  const out: Partial<Record<F, Control>> = {};
  const taken = new Set<Element>();
  for (const field of fields) {
    let best: Control | undefined;
    let bestScore = 0;
    let blockedReason: Blocked['reason'] | undefined;
    for (const c of controls) {
      if (taken.has(c)) continue;
      const score = fieldScore(infos.get(c)!, field);
      if (score === 0 || score <= bestScore) continue;
      const why = unusableReason(c);
      if (why) {
        if (score >= 2) blockedReason ??= why;
        continue;
      }
      best = c;
      bestScore = score;
    }
    if (best) {
      out[field] = best;
      taken.add(best);
    } else if (blockedReason && blocked) blocked.push({ field, reason: blockedReason });
  }
  return out;
}

/** A native radio, a custom one (role="radio" with aria-checked), or an <option> of a drop-down used as the choice. */
export type RadioEl = HTMLInputElement | HTMLElement;
const isNativeRadio = (el: Element): el is HTMLInputElement => el.tagName === 'INPUT';
const isOption = (el: Element): el is HTMLOptionElement => el.tagName === 'OPTION';
const selectOf = (el: HTMLOptionElement): HTMLSelectElement | null => el.closest('select');
/** Whether a choice is made now: `checked`, aria-checked for a custom radio, `selected` for an option. */
export const isChecked = (el: RadioEl | undefined): boolean =>
  !!el && (isNativeRadio(el) ? el.checked : isOption(el) ? el.selected : el.getAttribute('aria-checked') === 'true');

/** The option a radio stands for, from its label (longest prefix wins) or, failing that, its value. */
function radioOption(el: RadioEl, table: [string, string][], labels: LabelMap): string | undefined {
  if (isOption(el)) return optionFor(normLabel(el.text), table) ?? optionFor(normLabel(el.value), table, true);
  const texts = [...explicitLabels(el, labels)];
  // A custom radio carries its label as its own text; a native one has it next to it.
  const after = isNativeRadio(el) ? followingText(el) : visibleText(el);
  if (after) texts.push(after);
  for (const raw of texts) {
    const hit = optionFor(normLabel(raw), table);
    if (hit) return hit;
  }
  return optionFor(normLabel((isNativeRadio(el) ? el.value : el.getAttribute('data-value')) ?? ''), table, true);
}

export interface RadioGroup {
  options: Partial<Record<string, RadioEl>>;
  /** The option whose radio is checked. */
  checked?: string;
}

/** The table's option for a label: exact or the longest prefix; `exact` for values ("ssl", "tls"). */
function optionFor(t: string, table: [string, string][], exact = false): string | undefined {
  let hit: [string, string] | undefined;
  for (const entry of table) {
    const ok = exact ? t === entry[0] || t === entry[1] : t === entry[0] || t.startsWith(entry[0] + ' ');
    if (ok && (!hit || entry[0].length > hit[0].length)) hit = entry;
  }
  return hit?.[1];
}

function findRadioGroup(root: ParentNode, table: [string, string][]): RadioGroup | undefined {
  const group: RadioGroup = { options: {} };
  let found = false;
  // A drop-down counts as the choice only when at least two of its options are the CRM's labels,
  // so an unrelated <select> with a "None" option is never taken for Encryptie.
  const dropDownOptions = Array.from(root.querySelectorAll('select')).flatMap((sel) => {
    const opts = Array.from(sel.options);
    return opts.filter((o) => optionFor(normLabel(o.text), table)).length >= 2 ? opts : [];
  });
  const radios = [...Array.from(root.querySelectorAll<RadioEl>('input[type="radio" i], [role="radio" i]')), ...dropDownOptions];
  if (radios.length === 0) return undefined;
  const labels = labelMap(radios[0]!.ownerDocument);
  for (const r of radios) {
    if (unusableReason(isOption(r) ? (selectOf(r) ?? r) : r)) continue;
    const option = radioOption(r, table, labels);
    if (!option || group.options[option]) continue;
    group.options[option] = r;
    if (isChecked(r)) group.checked = option;
    found = true;
  }
  return found ? group : undefined;
}

// ---------- screens ----------

export interface SmtpForm {
  fields: Partial<Record<TextField, Control>>;
  encryption?: RadioGroup;
  auth?: RadioGroup;
  /** Labelled fields that are there but may not be filled. */
  blocked: Blocked[];
  /** The element that holds the form: the panel goes right after it. */
  container: Element;
}

/** Smallest element containing all the given ones. */
function commonAncestor(els: Element[]): Element | undefined {
  if (els.length === 0) return undefined;
  let a: Element | null = els[0]!;
  while (a && !els.every((e) => a!.contains(e))) a = a.parentElement;
  return a ?? undefined;
}

/** The "Eigen e-mailserver" settings form, or undefined when this document does not show it. */
export function locateSmtpForm(doc: Document | Element): SmtpForm | undefined {
  const blocked: Blocked[] = [];
  const fields = findTextFields(doc, ['host', 'port', 'username', 'password'] as const, blocked);
  const encryption = findRadioGroup(doc, ENCRYPTION_LABELS);
  const auth = findRadioGroup(doc, AUTH_LABELS);
  // Host plus port or the encryption radios: one stray "host" box is not the SMTP form.
  if (!fields.host || !(fields.port || encryption || blocked.length > 0)) return undefined;
  const parts: Element[] = [
    ...Object.values(fields),
    ...Object.values(encryption?.options ?? {}),
    ...Object.values(auth?.options ?? {}),
  ].filter((e): e is Control => !!e);
  const common = commonAncestor(parts)!;
  const container = common.closest('form') ?? common.closest('table, fieldset') ?? common;
  return { fields, encryption, auth, blocked, container };
}

/**
 * Elements whose own visible text is one of `names`: found from the text nodes (one pass), then
 * widened to the parent while the parent says nothing else ("<b>Eigen</b> mailserver").
 */
function elementsNamed(root: Element, names: readonly string[], hint: RegExp): Element[] {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const out = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!hint.test(n.nodeValue ?? '')) continue;
    let el = n.parentElement;
    for (let i = 0; el && i < 3 && !names.includes(normLabel(visibleText(el))); i++) el = el.parentElement;
    if (el && names.includes(normLabel(visibleText(el))) && !isHidden(el)) out.add(el);
  }
  return [...out];
}

export interface ValidationDialog {
  dialog: Element;
  fields: Partial<Record<DialogField, Control>>;
  /** "@PerfectView.nl" after Van/Naar: the CRM wants only the part before the @. */
  suffix: Partial<Record<DialogField, string>>;
}

const DIALOG_TITLES = ['smtp server validatie', 'smtp server validation', 'smtp-server validatie'];

/** The "SMTP server validatie" dialog (Domein, Van, Naar), when it is open. */
export function locateValidationDialog(doc: Document | Element): ValidationDialog | undefined {
  const root = 'body' in doc ? doc.body : doc;
  if (!root) return undefined;
  const titles = elementsNamed(root, DIALOG_TITLES, /validati/i);
  for (const title of titles) {
    // The dialog: the title's ancestor that holds the Domein/Van/Naar fields.
    for (let box: Element | null = title.parentElement; box; box = box.parentElement) {
      const fields = findTextFields(box, ['domain', 'from', 'to'] as const);
      if (fields.from && fields.to) {
        const dialog = box.closest('[role="dialog"], dialog, [aria-modal="true"]') ?? box;
        const suffix: ValidationDialog['suffix'] = {};
        for (const f of ['from', 'to'] as const) {
          const s = suffixAfter(fields[f]!);
          if (s) suffix[f] = s;
        }
        return { dialog, fields, suffix };
      }
      if (box.tagName === 'BODY') break;
    }
  }
  return undefined;
}

/** "@domain.nl" shown right after a control (same cell, next cell). */
function suffixAfter(el: Element): string | undefined {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 2; depth++) {
    for (let n = node.nextSibling; n; n = n.nextSibling) {
      const t = visibleText(n).trim();
      if (t) return /^@[^\s@]*$/.test(t) ? t : undefined;
    }
    node = node.parentElement;
  }
  return undefined;
}

export type RightState = 'on' | 'off' | 'unknown';
export interface RightsBlock {
  block: Element;
  state: RightState;
}

const RIGHT_NAMES = ['eigen mailserver', 'own mail server', 'own mailserver'];
const RIGHTS_TITLES = ['rechten', 'rights', 'permissions'];
const ON_WORDS = new Set(['active', 'on', 'enabled', 'green', 'checked', 'selected', 'aan', 'ison', 'toggled', 'granted', 'allowed']);
const OFF_WORDS = new Set(['inactive', 'off', 'disabled', 'red', 'grey', 'gray', 'uit', 'isoff', 'denied', 'unchecked']);

/** On or off, from whatever the block shows: aria state, a checkbox, data-state, class names, a green colour. */
export function rightState(block: Element): RightState {
  const nodes = [block, ...Array.from(block.querySelectorAll('*'))].slice(0, 40);
  for (const n of nodes) {
    for (const attr of ['aria-checked', 'aria-pressed']) {
      const v = n.getAttribute(attr);
      if (v === 'true') return 'on';
      if (v === 'false') return 'off';
    }
    if (n.tagName === 'INPUT' && /^(checkbox|radio)$/i.test((n as HTMLInputElement).type)) return (n as HTMLInputElement).checked ? 'on' : 'off';
  }
  for (const n of nodes) {
    const state = (n.getAttribute('data-state') ?? n.getAttribute('data-status') ?? '').toLowerCase();
    if (ON_WORDS.has(state)) return 'on';
    if (OFF_WORDS.has(state)) return 'off';
    const words = (n.getAttribute('class') ?? '').toLowerCase().split(/[\s_-]+/);
    const joined = (n.getAttribute('class') ?? '').toLowerCase().split(/\s+/).map((c) => c.replace(/[-_]/g, ''));
    if (words.some((w) => OFF_WORDS.has(w)) || joined.some((w) => OFF_WORDS.has(w))) return 'off';
    if (words.some((w) => ON_WORDS.has(w)) || joined.some((w) => ON_WORDS.has(w))) return 'on';
  }
  const w = win(block);
  for (const n of nodes) {
    const colour = w?.getComputedStyle(n).backgroundColor ?? '';
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/.exec(colour);
    if (!m || m[4] === '0') continue;
    const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (g > r + 40 && g > b + 20) return 'on';
    if (r > g + 40 || (Math.abs(r - g) < 16 && Math.abs(g - b) < 16 && r < 235)) return 'off';
  }
  return 'unknown';
}

/** The block "Eigen mailserver" on the Rechten page, with whether it is on. Menu links of the same name are not blocks. */
export function locateRightsBlock(doc: Document | Element): RightsBlock | undefined {
  const root = 'body' in doc ? doc.body : doc;
  if (!root) return undefined;
  const labels = elementsNamed(root, RIGHT_NAMES, /mail/i);
  // Innermost first: a label inside a block inside a list all say "Eigen mailserver".
  const innermost = labels.filter((e) => !labels.some((o) => o !== e && e.contains(o)));
  let fallback: RightsBlock | undefined;
  for (const label of innermost) {
    if (label.closest('nav, [role="navigation"], a[href], [role="menu"], [role="menubar"], h1, h2, h3, h4, h5, h6, [role="heading"], [role="dialog"], dialog')) continue;
    // The block: the label itself or a wrapper that adds no other text (a toggle icon, a checkbox).
    let block: Element = label;
    let state = rightState(label);
    for (let n = label.parentElement, i = 0; state === 'unknown' && n && i < 3; n = n.parentElement, i++) {
      if (!RIGHT_NAMES.includes(normLabel(visibleText(n)))) break;
      block = n;
      state = rightState(n);
    }
    // A row (table row, list item) with the name, perhaps a description, and one switch or checkbox: that switch.
    if (state === 'unknown') {
      const row = label.closest('tr, li, [role="row"], [role="listitem"]');
      const toggles = row ? row.querySelectorAll('[role="switch"], [role="checkbox"], input[type="checkbox" i], [aria-pressed]') : [];
      if (row && toggles.length === 1) {
        block = row;
        state = rightState(toggles[0]!);
      }
    }
    // No mark of its own, while its neighbours carry an "on" mark: this one is off (a grey block among green ones).
    if (state === 'unknown') {
      const peers = Array.from(block.parentElement?.children ?? []).filter((p) => p !== block && p.tagName === block.tagName);
      if (peers.some((p) => rightState(p) === 'on')) state = 'off';
    }
    if (state !== 'unknown') return { block, state };
    fallback ??= { block: label, state };
  }
  // A block without a readable state counts only on a page that calls itself "Rechten".
  return fallback && elementsNamed(root, RIGHTS_TITLES, /ech|ight|ermis/i).length > 0 ? fallback : undefined;
}

export type CrmScreen = 'smtp' | 'rights' | 'validation';

/** Which of the screens the document shows now (the dialog may sit over the SMTP page). */
export function detectScreens(doc: Document): { smtp?: SmtpForm; rights?: RightsBlock; validation?: ValidationDialog } {
  const validation = locateValidationDialog(doc);
  const smtp = locateSmtpForm(doc);
  const rights = smtp ? undefined : locateRightsBlock(doc);
  return { smtp, rights, validation };
}

// ---------- reading and filling ----------

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
