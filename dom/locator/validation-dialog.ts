import { DIALOG_TITLE_KEYS, type DialogField } from './labels';
import { elementsNamed, visibleText } from './label-text';
import { findTextFields } from './text-fields';
import { scan, type Control } from './visibility';

/** The "SMTP server validatie" dialog: Domein, Van, Naar (Van/Naar may show "@domain" after the field). */

export interface ValidationDialog {
  dialog: Element;
  fields: Partial<Record<DialogField, Control>>;
  /** "@PerfectView.nl" after Van/Naar: the CRM wants only the part before the @. */
  suffix: Partial<Record<DialogField, string>>;
}

/** The "SMTP server validatie" dialog (Domein, Van, Naar), when it is open. */
export function locateValidationDialog(doc: Document | Element): ValidationDialog | undefined {
  return scan(() => locateValidationDialogNow(doc));
}

function locateValidationDialogNow(doc: Document | Element): ValidationDialog | undefined {
  const root = 'body' in doc ? doc.body : doc;
  if (!root) return undefined;
  const titles = elementsNamed(root, DIALOG_TITLE_KEYS, /validati/i);
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
