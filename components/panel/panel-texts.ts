import { format } from '@/lib/i18n/format';
import type { Lang } from '@/lib/i18n/define';
import type { PanelKey } from '@/lib/i18n/panel';
import { ENCRYPTION_LABELS } from '@/lib/crm-labels';

export const encryptionLabel = (v: string | undefined) => (v ? ((ENCRYPTION_LABELS as Record<string, string>)[v] ?? v) : undefined);

// The panel's texts come from the background (crm/panel-data, in the panel's language): the catalogue
// (nl and en) would cost the content script, which loads on every CRM page, about 3.5 KB gzipped.
let texts: Partial<Record<string, string>> = {};
export const setPanelTexts = (t: Record<string, string> | undefined) => void (t && (texts = t));

/** The panel's text for a key (the texts of the language last loaded; `lang` names the intent). */
export const panelT =
  (_lang: Lang) =>
  (key: PanelKey, params?: Record<string, string | number>): string =>
    format(texts[key] ?? key, params);
