import { browser } from 'wxt/browser';
import { detectScreens, readForm } from '@/dom/crm-form-locator';
import type { FormValues } from '@/lib/drafts';
import { langFromLocale } from '@/lib/i18n/lang';
import type { ShownFinding } from '@/lib/shown';
import type { PanelData } from '@/messaging/messages';

/** What the content script knows about its page; shared by its modules (one per job). */
export interface PageState {
  doc: Document;
  /** The origin the script started on: nothing is filled once the tab is elsewhere. */
  startOrigin: string;
  /** All the panel needs from the background: language, texts, presets, mode, Domein/Van/Naar (crm/panel-data). */
  data: PanelData;
  screens: ReturnType<typeof detectScreens>;
  /** Findings on the form's current values and the support report, from the background. */
  findings: ShownFinding[];
  /** Whether the admin (or a fill) has changed the form since the page loaded: before that the panel stays calm. */
  touched: boolean;
  /** The admin agreed, on this page, that "Controleren" may send the form's Wachtwoord to the backend. */
  passwordConsent: boolean;
}

export function newPageState(doc: Document): PageState {
  return {
    doc,
    startOrigin: doc.location.origin,
    data: { lang: langFromLocale(navigator.language), texts: {}, hasPassword: false, presets: [], backendUrl: '' },
    screens: {},
    findings: [],
    touched: false,
    passwordConsent: false,
  };
}

/** Asks the background for the panel's data: it picks the language (<html lang>, Instellingen, browser) and holds the storage schemas. */
export async function loadPanelData(s: PageState): Promise<void> {
  const d = (await browser.runtime
    .sendMessage({ type: 'crm/panel-data', pageLang: s.doc.documentElement.lang.slice(0, 40) || undefined, browserLang: navigator.language.slice(0, 40) })
    .catch(() => undefined)) as PanelData | undefined;
  if (d && Array.isArray(d.presets) && (d.lang === 'nl' || d.lang === 'en')) {
    s.data = d;
  }
}

/** The form's values now (located afresh: filling or the CRM may have revealed or replaced fields), with the wizard's mode. */
export function formValues(s: PageState): { values: FormValues; password: string | undefined } {
  const { password, ...values } = readForm(s.doc);
  return { values: { ...values, ...(s.data.mode ? { mode: s.data.mode } : {}) }, password };
}
