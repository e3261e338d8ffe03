import type { Lang } from './define';

// Language detection, in one place and without catalogues, so the content script and the popup can use it.

/** A locale mapped to ours: English when it starts with "en", Dutch otherwise (the CRM is Dutch first). */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}
