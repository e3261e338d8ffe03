/** The two UI languages; Dutch first, like the CRM. */
export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

/** One area's messages: Dutch is the source, English must have exactly the same keys (checked by tsc). */
export function defineMessages<const T extends Record<string, string>>(nl: T, en: { [K in keyof T]: string }) {
  return { nl, en: en as { [K in keyof T]: string } };
}
