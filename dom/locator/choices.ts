import { normLabel, optionFor, type OptionTable } from './labels';
import { explicitLabels, followingText, labelMap, visibleText, type LabelMap } from './label-text';
import { unusableReason } from './visibility';

/**
 * Choices (Encryptie, Authenticatie): native radios, custom radios (role="radio" with aria-checked) or the
 * options of a <select>. A group may span rows and columns; each choice is named by its own label.
 */

/** A native radio, a custom one (role="radio" with aria-checked), or an <option> of a drop-down used as the choice. */
export type RadioEl = HTMLInputElement | HTMLElement;
export const isNativeRadio = (el: Element): el is HTMLInputElement => el.tagName === 'INPUT';
export const isOption = (el: Element): el is HTMLOptionElement => el.tagName === 'OPTION';
export const selectOf = (el: HTMLOptionElement): HTMLSelectElement | null => el.closest('select');

/** Whether a choice is made now: `checked`, aria-checked for a custom radio, `selected` for an option. */
export const isChecked = (el: RadioEl | undefined): boolean =>
  !!el && (isNativeRadio(el) ? el.checked : isOption(el) ? el.selected : el.getAttribute('aria-checked') === 'true');

/** The option a radio stands for, from its label (longest prefix wins) or, failing that, its value. */
function radioOption(el: RadioEl, table: OptionTable, labels: LabelMap): string | undefined {
  if (isOption(el)) return optionFor(normLabel(el.text), table) ?? optionFor(normLabel(el.value), table, true);
  const texts = [...explicitLabels(el, labels)];
  // A custom radio carries its label as its own text; a native one has it next to it (or in the next cell).
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

/** The usable choices inside root that the table names; undefined when none. */
export function findRadioGroup(root: ParentNode, table: OptionTable): RadioGroup | undefined {
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
