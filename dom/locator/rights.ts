import { scan } from './visibility';
import { labelKey, RIGHT_KEYS, RIGHTS_PAGE_KEYS } from './labels';
import { elementsNamed, visibleText } from './label-text';
import { rightState, type RightState } from './right-state';

/** The block "Eigen mailserver" on the Rechten page, and whether the right is on. */

export interface RightsBlock {
  block: Element;
  state: RightState;
}

const saysOnlyTheRight = (n: Element) => RIGHT_KEYS.includes(labelKey(visibleText(n)));

/** The block "Eigen mailserver" on the Rechten page, with whether it is on. Menu links of the same name are not blocks. */
export function locateRightsBlock(doc: Document | Element): RightsBlock | undefined {
  return scan(() => locateRightsBlockNow(doc));
}

function locateRightsBlockNow(doc: Document | Element): RightsBlock | undefined {
  const root = 'body' in doc ? doc.body : doc;
  if (!root) return undefined;
  const labels = elementsNamed(root, RIGHT_KEYS, /mail/i);
  // Innermost first: a label inside a block inside a list all say "Eigen mailserver".
  const innermost = labels.filter((e) => !labels.some((o) => o !== e && e.contains(o)));
  let fallback: RightsBlock | undefined;
  for (const label of innermost) {
    if (label.closest('nav, [role="navigation"], a[href], [role="menu"], [role="menubar"], h1, h2, h3, h4, h5, h6, [role="heading"], [role="dialog"], dialog')) continue;
    // The block: the label itself or a wrapper that adds no other text (a toggle icon, a checkbox).
    let block: Element = label;
    let state = rightState(label);
    for (let n = label.parentElement, i = 0; state === 'unknown' && n && i < 3; n = n.parentElement, i++) {
      if (!saysOnlyTheRight(n)) break;
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
  return fallback && elementsNamed(root, RIGHTS_PAGE_KEYS, /ech|ight|ermis/i).length > 0 ? fallback : undefined;
}
