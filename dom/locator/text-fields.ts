import { FIELD_TABLE, NAMES, normLabel, squash, type DialogField, type TextField } from './labels';
import { columnHeader, explicitLabels, labelMap, precedingText, type LabelMap } from './label-text';
import { CONTROL_SELECTOR, unusableReason, type Control, type Unusable } from './visibility';

/** Text fields (Hostnaam, Poortnummer, …, Domein/Van/Naar): the best usable control per field, by its label. */

const TEXT_TYPES = new Set(['', 'text', 'email', 'number', 'tel', 'password', 'search', 'url']);

interface ControlInfo {
  explicit: string[];
  before?: string;
  name: string;
  placeholder: string;
}
function controlInfo(el: Element, labels: LabelMap): ControlInfo {
  const before = precedingText(el) ?? columnHeader(el);
  return {
    explicit: explicitLabels(el, labels),
    before,
    name: squash(el.getAttribute('name') ?? ''),
    placeholder: normLabel(el.getAttribute('placeholder') ?? ''),
  };
}

/** How well a control's labels name a field: 3 explicit label, 2 the text before it, 1 name/placeholder, 0 not. */
function fieldScore(info: ControlInfo, field: TextField | DialogField): number {
  if (info.explicit.some((t) => FIELD_TABLE.is(t, field))) return 3;
  if (info.before !== undefined && FIELD_TABLE.is(info.before, field)) return 2;
  if (info.name && NAMES[field].includes(info.name)) return 1;
  if (info.placeholder && FIELD_TABLE.is(info.placeholder, field)) return 1;
  return 0;
}

function isTextControl(el: Element): el is Control {
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && TEXT_TYPES.has((el.getAttribute('type') ?? '').toLowerCase());
}

export interface Blocked {
  field: string;
  reason: Unusable;
}

/** The best usable control for each field inside root; labelled controls that may not be touched land in `blocked`. */
export function findTextFields<F extends TextField | DialogField>(root: ParentNode, fields: readonly F[], blocked?: Blocked[]): Partial<Record<F, Control>> {
  const controls = Array.from(root.querySelectorAll(CONTROL_SELECTOR)).filter(isTextControl);
  const doc = 'ownerDocument' in root && root.ownerDocument ? root.ownerDocument : (root as Document);
  const labels = labelMap(doc);
  // Usability first: a hidden or disabled control is never the field, whatever its label says.
  const why = new Map(controls.map((c) => [c, unusableReason(c)]));
  const infos = new Map<Element, ControlInfo>();
  const info = (c: Control) => infos.get(c) ?? infos.set(c, controlInfo(c, labels)).get(c)!;
  const out: Partial<Record<F, Control>> = {};
  const taken = new Set<Element>();
  for (const field of fields) {
    let best: Control | undefined;
    let bestScore = 0;
    let blockedReason: Unusable | undefined;
    for (const c of controls) {
      if (taken.has(c)) continue;
      const reason = why.get(c);
      // Labels of unusable controls are read only to say why a field is blocked.
      if (reason && blockedReason) continue;
      const score = fieldScore(info(c), field);
      if (score === 0 || score <= bestScore) continue;
      if (reason) {
        if (score >= 2) blockedReason ??= reason;
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
