import { urlMatchesAny } from '@/lib/match-pattern';

export interface TabInfo {
  isCrm: boolean;
  /** What to call the page: its title, else its path. */
  page?: string;
}

/** Describes the active tab for the popup: CRM or not, and which page. */
export function describeTab(tab: { url?: string; title?: string } | undefined, crmPatterns: readonly string[]): TabInfo | undefined {
  if (!tab?.url) return undefined;
  const isCrm = urlMatchesAny(tab.url, crmPatterns);
  if (!isCrm) return { isCrm };
  let path = '';
  try {
    const u = new URL(tab.url);
    path = u.pathname + u.hash;
  } catch {
    // keep the title only
  }
  return { isCrm, page: tab.title?.trim() || path };
}
