/**
 * The public entry of the CRM page reader (dom/locator/): finds the CRM's "Eigen mailserver" screens and
 * their fields in a Document passed in, reads them and fills them.
 *
 * The CRM generates element ids (id_355), so fields are found the way a person finds them: by their
 * visible label (label[for], a wrapping label, aria-labelledby/aria-label, the text before the control,
 * in the previous cell or above it), then by name/placeholder. Ids are only followed as references
 * (for=, aria-labelledby=), never matched as patterns. Hidden, disabled, read-only and decoy controls
 * are never returned; they do not stop the search either. The modules:
 * - locator/labels.ts: label tables (from lib/crm-labels.ts) and when two label texts are the same label;
 * - locator/visibility.ts, locator/label-text.ts: what a person sees, and the text that labels a control;
 * - locator/text-fields.ts, locator/choices.ts: text fields; radios, custom radios and selects;
 * - locator/smtp-form.ts, locator/validation-dialog.ts, locator/rights.ts (+ right-state.ts): one per screen;
 * - locator/fill.ts: reading and filling with input/change events.
 */
export { normLabel, type TextField, type DialogField } from './locator/labels';
export { isHidden, unusableReason } from './locator/visibility';
export { visibleText } from './locator/label-text';
export type { Blocked } from './locator/text-fields';
export { isChecked, type RadioEl, type RadioGroup } from './locator/choices';
export { locateSmtpForm, type SmtpForm } from './locator/smtp-form';
export { locateValidationDialog, type ValidationDialog } from './locator/validation-dialog';
export { rightState, type RightState } from './locator/right-state';
export { locateRightsBlock, type RightsBlock } from './locator/rights';
export { detectScreens, type CrmScreen } from './locator/screens';
export {
  readForm,
  setControlValue,
  chooseRadio,
  fillForm,
  fillValidationDialog,
  readValidationDialog,
  type FillField,
  type FillResult,
  type ValidationValues,
} from './locator/fill';
