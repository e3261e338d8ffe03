/** Why a host name is not usable; each reason has its own hint in the i18n catalogue (host-reason.*). */
export type HostProblem =
  | 'empty'
  | 'whitespace'
  | 'control'
  | 'scheme'
  | 'userinfo'
  | 'port-suffix'
  | 'path'
  | 'bad-ip'
  | 'single-label'
  | 'bad-label'
  | 'too-long';

export type HostCheck = { ok: true; host: string; kind: 'name' | 'ipv4' | 'ipv6' } | { ok: false; problem: HostProblem };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Strict dotted-quad IPv4 (no octal, hex or shortened forms). */
export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

/** RFC 4291 text form, optionally with an embedded dotted quad; no zone ids. */
export function isIPv6(s: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(s) || !s.includes(':')) return false;
  let head = s;
  let tailGroups = 0;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(s.slice(lastColon + 1))) return false;
    head = s.slice(0, lastColon + 1) + '0';
    tailGroups = 1; // the dotted quad is two groups; '0' stands in for one
  }
  const parts = head.split('::');
  if (parts.length > 2) return false;
  const groups = (p: string) => (p === '' ? [] : p.split(':'));
  const all = parts.flatMap(groups);
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const count = all.length + tailGroups;
  return parts.length === 2 ? count <= 7 : count === 8;
}

/**
 * Checks what a person typed as the SMTP host: a host name (IDN allowed, returned as ASCII),
 * or an IPv4/IPv6 literal. Numeric forms other than a dotted quad (0x7f.1, 2130706433) are refused.
 * `toAscii` converts an internationalised name; callers pass the platform's converter.
 */
export function checkHost(raw: string, toAscii: (name: string) => string = defaultToAscii): HostCheck {
  if (raw === '') return { ok: false, problem: 'empty' };
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, problem: 'control' };
  if (/\s/.test(raw)) return { ok: false, problem: 'whitespace' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return { ok: false, problem: 'scheme' };
  if (raw.includes('@')) return { ok: false, problem: 'userinfo' };
  if (/[/?#\\]/.test(raw)) return { ok: false, problem: 'path' };
  const unbracketed = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  if (isIPv6(unbracketed)) return { ok: true, host: unbracketed.toLowerCase(), kind: 'ipv6' };
  if (/^[^:]+:\d*$/.test(raw) || /^\[.*\]:\d*$/.test(raw)) return { ok: false, problem: 'port-suffix' };
  if (raw.includes(':') || raw.includes('[') || raw.includes(']')) return { ok: false, problem: 'bad-ip' };
  const name = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  if (isIPv4(name)) return { ok: true, host: name, kind: 'ipv4' };
  // Only non-ASCII may go to the IDN converter: WHATWG URL would percent-decode "%2e" into a dot, turning
  // what was typed into another name.
  if (/[\x00-\x7f]/.test(name.replace(/[a-z0-9.-]/gi, ''))) return { ok: false, problem: 'bad-label' };
  let ascii: string;
  try {
    ascii = toAscii(name.toLowerCase());
  } catch {
    return { ok: false, problem: 'bad-label' };
  }
  if (!ascii) return { ok: false, problem: 'bad-label' };
  const labels = ascii.split('.');
  // A last label of digits or 0x… is an IP address in disguise (0x7f.1, 127.1, 2130706433).
  if (/^(0x[0-9a-f]*|\d+)$/i.test(labels[labels.length - 1] ?? '')) return { ok: false, problem: 'bad-ip' };
  if (ascii.length > 253) return { ok: false, problem: 'too-long' };
  if (!labels.every((l) => LABEL.test(l))) return { ok: false, problem: 'bad-label' };
  if (labels.length < 2) return { ok: false, problem: 'single-label' };
  return { ok: true, host: ascii, kind: 'name' };
}

/** WHATWG URL's domain-to-ASCII (UTS #46), available in every browser and in Node. */
function defaultToAscii(name: string): string {
  if (/^[\x21-\x7e]*$/.test(name)) return name;
  const hostname = new URL(`http://${name}/`).hostname;
  return hostname;
}
