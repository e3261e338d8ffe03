import type { Lang } from '@/lib/i18n/define';

/** Same rule as lib/i18n langFromLocale, without pulling the finding catalogues into this bundle. */
export const langFromLocale = (locale: string | undefined): Lang => (locale?.toLowerCase().startsWith('en') ? 'en' : 'nl');
