import { DIALOG_LABELS, FIELD_LABELS } from '../crm-labels';

/**
 * What a fill reports, in the panel and the popup alike: the CRM's own field labels (verbatim in both
 * languages, lib/crm-labels.ts) and why a field was not filled (dom/locator/fill.ts FillResult.skipped).
 */
const FIELDS = {
  'field.host': FIELD_LABELS.host,
  'field.port': FIELD_LABELS.port,
  'field.encryption': FIELD_LABELS.encryption,
  'field.authMethod': FIELD_LABELS.authMethod,
  'field.username': FIELD_LABELS.username,
  'field.password': FIELD_LABELS.password,
  'field.domain': DIALOG_LABELS.domain,
  'field.from': DIALOG_LABELS.from,
  'field.to': DIALOG_LABELS.to,
} as const;

export const FILL_WORDS = {
  nl: {
    ...FIELDS,
    'reason.hidden': 'verborgen',
    'reason.disabled': 'uitgeschakeld',
    'reason.readonly': 'alleen-lezen',
    'reason.not-found': 'niet gevonden',
    'reason.no-option': 'optie niet gevonden',
    'reason.no-effect': 'de pagina nam de keuze niet over',
  },
  en: {
    ...FIELDS,
    'reason.hidden': 'hidden',
    'reason.disabled': 'disabled',
    'reason.readonly': 'read-only',
    'reason.not-found': 'not found',
    'reason.no-option': 'option not found',
    'reason.no-effect': 'the page did not take the choice',
  },
} as const;

export type FillWord = keyof (typeof FILL_WORDS)['nl'];
/** A field name or skip reason as it comes over a message (a plain string) to its catalogue key. */
export const fieldWord = (field: string) => `field.${field}` as FillWord;
export const reasonWord = (reason: string) => `reason.${reason}` as FillWord;
