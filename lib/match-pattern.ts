/**
 * Whether a URL falls under a WebExtension match pattern (scheme://host/path), as the browser decides
 * for content scripts: `*` scheme is http or https, `*.example.nl` includes example.nl itself, a
 * pattern without a port matches every port.
 */
export function urlMatches(url: string, pattern: string): boolean {
  const m = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(?::(\d+))?(\/.*)$/.exec(pattern);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, host, port, path] = m as unknown as [string, string, string, string | undefined, string];
  if (scheme === '*' ? u.protocol !== 'http:' && u.protocol !== 'https:' : u.protocol !== `${scheme}:`) return false;
  const h = u.hostname.toLowerCase();
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2).toLowerCase();
      if (h !== base && !h.endsWith('.' + base)) return false;
    } else if (h !== host.toLowerCase()) return false;
  }
  if (port !== undefined && u.port !== port && !(u.port === '' && port === (u.protocol === 'https:' ? '443' : '80'))) return false;
  const re = new RegExp('^' + path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(u.pathname + u.search);
}

export const urlMatchesAny = (url: string | undefined, patterns: readonly string[]): boolean =>
  !!url && patterns.some((p) => urlMatches(url, p));
