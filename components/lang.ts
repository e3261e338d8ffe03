import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
// Not from '@/lib/i18n' (index): that pulls both findings catalogues into the popup's bundle.
import { format, type Params } from '@/lib/i18n/format';
import type { Lang } from '@/lib/i18n/define';
import { langFromLocale } from '@/lib/i18n/lang';

/** The UI language of the page; set once at the top of popup and options. */
export const LangContext = createContext<Lang>('nl');

export const useLang = (): Lang => useContext(LangContext);

type Catalog = { nl: Record<string, string>; en: Record<string, string> };

/** t() over one catalogue in the page's language. */
export function useT<C extends Catalog>(catalog: C) {
  const lang = useLang();
  return (key: keyof C['nl'] & string, params?: Params): string => format(catalog[lang][key] ?? catalog.nl[key] ?? key, params);
}

/** The chosen language, else the browser's (English when it starts with "en"), else Dutch. */
export function resolveLang(chosen: Lang | undefined, nav: Pick<Navigator, 'language'> | undefined = globalThis.navigator): Lang {
  return chosen ?? langFromLocale(nav?.language);
}

/** Keeps <html lang> in step with the UI so screen readers pronounce it right. */
export function applyDocumentLang(lang: Lang, doc: Document = document): void {
  doc.documentElement.lang = lang;
}
