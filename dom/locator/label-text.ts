import { CONTROL_SELECTOR, isHidden, offScreen, styleFacts } from './visibility';
import { labelKey } from './labels';

/**
 * The text a person reads as a control's label: explicit labels (aria-labelledby, aria-label, label[for],
 * a wrapping label), the text before it (previous sibling or cell, the element above it), the column
 * header or the cell above in a table, and for a radio the text after it or in the next cell.
 * Hidden elements on the way are passed over as if they were not there.
 */

/**
 * The element itself is passed over when looking for a label: hidden (its ancestors are the control's own
 * and are checked with it), or a control no one can use (disabled, read-only, zero size).
 */
function selfHidden(e: Element): boolean {
  if (e.tagName === 'INPUT' && (e as HTMLInputElement).type === 'hidden') return true;
  if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true') return true;
  const control = e.matches(CONTROL_SELECTOR);
  if (control && ((e as HTMLInputElement).disabled || (e as HTMLInputElement).readOnly)) return true;
  const cs = styleFacts(e);
  if (!cs) return false;
  if (cs.display === 'none' || cs.visibility === 'hidden' || offScreen(cs)) return true;
  return control && isHidden(e);
}

/** Controls inside `el` (or `el` itself) that a person sees: not hidden on the way from `el` down. */
function seenControlsIn(el: Element): Element[] {
  const all = el.matches(CONTROL_SELECTOR) ? [el] : Array.from(el.querySelectorAll(CONTROL_SELECTOR));
  return all.filter((c) => {
    for (let n: Element | null = c; n; n = n.parentElement) {
      if (selfHidden(n)) return false;
      if (n === el) break;
    }
    return true;
  });
}

/** The text a person reads in an element, leaving out controls (a select's options, buttons), scripts and hidden parts. */
export function visibleText(el: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === 3) out += n.nodeValue ?? '';
    else if (n.nodeType === 1) {
      const e = n as HTMLElement;
      if (/^(INPUT|SELECT|TEXTAREA|BUTTON|SCRIPT|STYLE|TEMPLATE|OPTION)$/.test(e.tagName)) return;
      if (e.getAttribute('aria-hidden') === 'true' || e.hasAttribute('hidden') || e.style?.display === 'none') return;
      for (const c of Array.from(e.childNodes)) walk(c);
      if (/^(DIV|P|BR|LI|TD|TH|TR|DT|DD)$/.test(e.tagName)) out += ' ';
    }
  };
  walk(el);
  return out.replace(/[\s\u00a0]+/g, ' ').trim();
}

function byId(doc: Document, id: string): Element | null {
  return id ? doc.getElementById(id) : null;
}

/** label[for] texts by id, built once per lookup (one pass over the labels instead of one per control). */
export type LabelMap = Map<string, string[]>;
export function labelMap(doc: Document): LabelMap {
  const map: LabelMap = new Map();
  for (const l of Array.from(doc.querySelectorAll('label'))) {
    if (!l.htmlFor || selfHidden(l)) continue;
    const list = map.get(l.htmlFor) ?? [];
    list.push(visibleText(l));
    map.set(l.htmlFor, list);
  }
  return map;
}

/** Text of the explicit labels: aria-labelledby, aria-label, label[for], a wrapping label. */
export function explicitLabels(el: Element, labels: LabelMap = labelMap(el.ownerDocument)): string[] {
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

const STOP = /^(FORM|TABLE|BODY)$/;

/**
 * The first text a person reads next to `el` in one direction: a text node or element beside it, else the
 * same search one level up (three levels at most). Hidden elements in between are skipped; a seen control in
 * between ends the search (that text belongs to the other control), and so does leaving a form, table or a
 * parent with more than one control. `leave(parent)` may end the search at a parent for a direction's own reasons.
 */
function adjacentText(el: Element, step: (n: Node) => Node | null, leave: (parent: Element) => boolean): string | undefined {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 3; depth++) {
    for (let s = step(node); s; s = step(s)) {
      if (s.nodeType === 3) {
        const t = s.nodeValue?.trim();
        if (t) return t;
        continue;
      }
      if (s.nodeType !== 1) continue;
      const e = s as Element;
      if (selfHidden(e)) continue;
      if (seenControlsIn(e).length > 0) return undefined;
      const t = visibleText(e);
      if (t) return t;
    }
    const parent: Element | null = node.parentElement;
    if (!parent || STOP.test(parent.tagName) || leave(parent) || seenControlsIn(parent).length > 1) return undefined;
    node = parent;
  }
  return undefined;
}

/**
 * The text just before a control: a text node or element before it, the previous cell in a table row, the
 * element above it in a div, grid or definition list.
 */
export const precedingText = (el: Element): string | undefined => adjacentText(el, (n) => n.previousSibling, () => false);

const isCell = (e: Element) => /^(TD|TH)$/.test(e.tagName) || /^(cell|gridcell)$/.test(e.getAttribute('role') ?? '');

/**
 * Text right after a radio when it has no label element: bare text after it, or the next cell
 * ("<td><input></td><td>Gebruik SSL</td>"). Never past the row, and out of a cell only into the next cell of the same row.
 */
export const followingText = (el: Element): string | undefined =>
  adjacentText(el, (n) => n.nextSibling, (parent) => parent.tagName === 'TR' || (isCell(parent) && !parent.nextElementSibling));

const column = (c: Element) => {
  let x = 0;
  for (let p = c.previousElementSibling; p; p = p.previousElementSibling) x += (p as HTMLTableCellElement).colSpan || 1;
  return x;
};

/**
 * The text above a control in a table laid out in columns: the cell at the same position in a header
 * row made only of <th>, or else in the row right above when that row holds no seen control.
 */
export function columnHeader(el: Element): string | undefined {
  const cell = el.closest('td');
  const row = cell?.parentElement;
  const table = row?.closest('table');
  if (!cell || !row || !table || seenControlsIn(cell).length !== 1) return undefined;
  const at = column(cell);
  const rows = Array.from(table.querySelectorAll('tr')).filter((r) => r.closest('table') === table && !selfHidden(r));
  const header = rows.find((r) => r !== row && r.children.length > 0 && Array.from(r.children).every((c) => c.tagName === 'TH'));
  let above = header;
  if (!above) {
    const i = rows.indexOf(row as HTMLTableRowElement);
    const prev = i > 0 ? rows[i - 1] : undefined;
    if (prev && seenControlsIn(prev).length === 0) above = prev;
  }
  const th = above && Array.from(above.children).find((c) => column(c) === at);
  return th ? visibleText(th) || undefined : undefined;
}

/**
 * Elements whose own visible text is one of `keys` (labelKey form): found from the text nodes (one pass),
 * then widened to the parent while the parent says nothing else ("<b>Eigen</b> mailserver").
 */
export function elementsNamed(root: Element, keys: readonly string[], hint: RegExp): Element[] {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const out = new Set<Element>();
  const named = (e: Element) => keys.includes(labelKey(visibleText(e)));
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!hint.test(n.nodeValue ?? '')) continue;
    let el = n.parentElement;
    for (let i = 0; el && i < 3 && !named(el); i++) el = el.parentElement;
    if (el && named(el) && !isHidden(el)) out.add(el);
  }
  return [...out];
}
