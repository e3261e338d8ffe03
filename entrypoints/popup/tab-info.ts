/** Whether a URL matches a WebExtension match pattern (scheme://host/path, with * wildcards). */
export function matchesPattern(pattern: string, url: string): boolean {
  const m = /^(\*|https?):\/\/(\*|\*\.[^/]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  if (scheme === '*' ? !['http:', 'https:'].includes(u.protocol) : u.protocol !== `${scheme}:`) return false;
  // Match patterns ignore the port unless they name one.
  const hostname = host.includes(':') ? u.host : u.hostname;
  if (host !== '*' && !(host.startsWith('*.') ? hostname === host.slice(2) || hostname.endsWith(host.slice(1)) : hostname === host)) return false;
  const re = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(u.pathname + u.search);
}

export interface TabInfo {
  isCrm: boolean;
  /** What to call the page: its title, else its path. */
  page?: string;
}

/** Describes the active tab for the popup: CRM or not, and which page. */
export function describeTab(tab: { url?: string; title?: string } | undefined, crmPatterns: readonly string[]): TabInfo | undefined {
  if (!tab?.url) return undefined;
  const isCrm = crmPatterns.some((p) => matchesPattern(p, tab.url!));
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
