import { format } from '@/lib/i18n/format';
import type { Lang } from '@/lib/i18n/define';
import type { PanelKey } from '@/lib/i18n/panel';
import { AUTH_LABELS, ENCRYPTION_LABELS } from '@/lib/crm-labels';

export const encryptionLabel = (v: string | undefined) => (v ? ((ENCRYPTION_LABELS as Record<string, string>)[v] ?? v) : undefined);
/** The CRM's own "Authenticatie" labels (lib/crm-labels.ts), the same in both languages. */
export const authLabel = (v: string | undefined) => (v === 'password' || v === 'ip-whitelist' ? AUTH_LABELS[v] : undefined);

// The panel's texts come from the background with the panel's data (crm/panel-data, only the panel's
// language), asked for when a screen appears and the panel script is injected: a CRM page without a screen
// loads neither. Bundling both catalogues into crm-panel.js would add about 3.5 KB gzipped to every load.
const texts: Partial<Record<Lang, Record<string, string>>> = {};
export const setPanelTexts = (lang: Lang, t: Record<string, string> | undefined) => void (t && (texts[lang] = t));

/** The panel's text for a key in `lang` (the key itself when that language's texts have not arrived). */
export const panelT =
  (lang: Lang) =>
  (key: PanelKey, params?: Record<string, string | number>): string =>
    format(texts[lang]?.[key] ?? key, params);
