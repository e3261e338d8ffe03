import { isIPv4, isIPv6 } from 'node:net';

/**
 * IP address classification for the SSRF guard: every address is turned into a number once,
 * then compared with masks. IPv4 and IPv6 live in one 128-bit space (IPv4 as ::ffff:a.b.c.d).
 */

export interface Cidr {
  base: bigint;
  bits: number;
  text: string;
}

const MAPPED = 0xffffn << 32n;
const ALL = (1n << 128n) - 1n;

function v4ToBig(ip: string): bigint {
  return ip.split('.').reduce((n, o) => (n << 8n) | BigInt(Number(o)), 0n);
}

function v6ToBig(ip: string): bigint {
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  let tail: bigint | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tail = v4ToBig(s.slice(lastColon + 1));
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = s.split('::');
  const h = head === '' ? [] : head.split(':');
  const r = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill('0'), ...r];
  let n = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tail !== undefined) n = (n & ~0xffffffffn) | tail;
  return n;
}

/** Parses an IP literal (strict forms only, as node:net accepts them) into the 128-bit space. */
export function ipToBig(ip: string): bigint | undefined {
  if (isIPv4(ip)) return MAPPED | v4ToBig(ip);
  if (isIPv6(ip)) return v6ToBig(ip);
  return undefined;
}

function bigToV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join('.');
}

/** "a.b.c.d/n" or "x::/n" (a bare address is /32 or /128). Throws on anything else. */
export function parseCidr(text: string): Cidr {
  const [addr = '', len] = text.trim().split('/');
  const n = ipToBig(addr);
  if (n === undefined) throw new Error(`not a CIDR range: ${text}`);
  const v4 = isIPv4(addr);
  const max = v4 ? 32 : 128;
  const prefix = len === undefined ? max : Number(len);
  if (!/^\d{1,3}$/.test(len ?? String(max)) || prefix > max) throw new Error(`not a CIDR range: ${text}`);
  const bits = v4 ? 96 + prefix : prefix;
  return { base: n & mask(bits), bits, text: text.trim() };
}

function mask(bits: number): bigint {
  return bits === 0 ? 0n : (ALL << BigInt(128 - bits)) & ALL;
}

export function inCidr(n: bigint, c: Cidr): boolean {
  return (n & mask(c.bits)) === c.base;
}

const BLOCKED_RANGES: Array<[string, string]> = [
  ['0.0.0.0/8', 'this-network'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmark'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['100::/64', 'discard'],
  ['2001:db8::/32', 'documentation'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
];
const BLOCKED = BLOCKED_RANGES.map(([c, why]) => ({ cidr: parseCidr(c), why }));
/** Cloud metadata endpoints stay closed even when PROBE_ALLOWED_CIDRS opens their range. */
const METADATA = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'].map((a) => ipToBig(a)!);

const NAT64 = parseCidr('64:ff9b::/96');
const NAT64_LOCAL = parseCidr('64:ff9b:1::/48');
const SIX_TO_FOUR = parseCidr('2002::/16');
const TEREDO = parseCidr('2001::/32');
const V4_COMPAT = parseCidr('::/96');
const V4_MAPPED = parseCidr('::ffff:0:0/96');

export type AddressVerdict = { ok: true } | { ok: false; why: string };

/**
 * Whether the backend may connect to this address. Embedded IPv4 addresses (mapped, NAT64, 6to4,
 * IPv4-compatible) are judged as the IPv4 address they carry; Teredo and local NAT64 are refused whole.
 * `allowed` (PROBE_ALLOWED_CIDRS) opens ranges, but never the metadata endpoints.
 */
export function checkAddress(ip: string, allowed: readonly Cidr[] = []): AddressVerdict {
  const n = ipToBig(ip);
  if (n === undefined) return { ok: false, why: 'not-an-ip' };
  const candidates = [n];
  if (inCidr(n, NAT64)) candidates.push(MAPPED | (n & 0xffffffffn));
  if (inCidr(n, SIX_TO_FOUR)) candidates.push(MAPPED | ((n >> 80n) & 0xffffffffn));
  if (inCidr(n, V4_COMPAT) && n > 1n) candidates.push(MAPPED | (n & 0xffffffffn));
  for (const c of candidates) if (METADATA.includes(c)) return { ok: false, why: 'metadata' };
  if (candidates.every((c) => allowed.some((a) => inCidr(c, a)))) return { ok: true };
  if (inCidr(n, TEREDO)) return { ok: false, why: 'teredo' };
  if (inCidr(n, NAT64_LOCAL)) return { ok: false, why: 'nat64' };
  for (const c of candidates) {
    const hit = BLOCKED.find((b) => inCidr(c, b.cidr));
    if (hit) return { ok: false, why: hit.why };
  }
  return { ok: true };
}

/** The canonical text of an address (IPv4-mapped IPv6 becomes the IPv4 address), for connecting and reports. */
export function canonicalIp(ip: string): string {
  const n = ipToBig(ip);
  if (n === undefined) return ip;
  if (inCidr(n, V4_MAPPED)) return bigToV4(n & 0xffffffffn);
  return ip.toLowerCase();
}
