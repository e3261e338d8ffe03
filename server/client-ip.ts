import { isIP } from 'node:net';
import { canonicalIp, inCidr, ipToBig, type Cidr } from './ip';

/**
 * The client's address: the socket's peer, or, only when that peer is one of the configured proxies
 * (TRUST_PROXY), the X-Forwarded-For entry `hops` places from the right, and only when it parses as an
 * IP. Anything else in the header (names, ports, garbage, entries the client put in itself further left)
 * changes nothing.
 */
export function clientAddress(peer: string | undefined, xff: string | undefined, trusted: readonly Cidr[], hops: number): string {
  const remote = peer ? canonicalIp(peer) : 'unknown';
  if (!peer || trusted.length === 0 || !xff) return remote;
  const n = ipToBig(peer);
  if (n === undefined || !trusted.some((c) => inCidr(n, c))) return remote;
  const entries = xff.split(',').map((s) => s.trim());
  const pick = entries[entries.length - hops];
  if (!pick || !isIP(pick)) return remote;
  return canonicalIp(pick);
}

/**
 * The key a client is limited by: an IPv4 address whole (/32), an IPv6 address by its /64 (one
 * customer's whole prefix; varying the lower 64 bits costs nothing).
 */
export function clientKey(address: string): string {
  const n = ipToBig(address);
  if (n === undefined) return address.slice(0, 64);
  if (isIP(canonicalIp(address)) === 4) return canonicalIp(address);
  const prefix = (n >> 64n).toString(16).padStart(16, '0');
  return `${prefix.match(/.{4}/g)!.join(':')}::/64`;
}
