import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { canonicalIp, checkAddress, type Cidr } from './ip';
import { normalizeHost } from '../lib/host-name';

/** What the guard needs from DNS; a dns.promises.Resolver fits, and so does a fake. */
export interface HostResolver {
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
}

export function createResolver(servers: readonly string[], timeoutMs: number): HostResolver {
  const r = new Resolver({ timeout: Math.max(100, Math.floor(timeoutMs / 2)), tries: 2 });
  if (servers.length) r.setServers([...servers]);
  return r;
}

export interface GuardOptions {
  ports: readonly number[];
  allowedCidrs: readonly Cidr[];
  resolver: HostResolver;
  dnsTimeoutMs: number;
}

export type GuardFailure =
  | { ok: false; code: 'port_not_allowed'; field: 'port' }
  | { ok: false; code: 'target_not_allowed'; field: 'host'; why: string; address?: string }
  | { ok: false; code: 'dns_failed'; field: 'host'; dns: 'not-found' | 'error' | 'timeout' };

export type GuardResult = { ok: true; host: string; isName: boolean; addresses: string[]; address: string; ms: number } | GuardFailure;

const BLOCKED_NAMES = /(^|\.)(localhost|internal|local|localdomain|lan|intranet|corp|home|home\.arpa|in-addr\.arpa|ip6\.arpa)$|^metadata(\.google\.internal)?$/;

/** Names that are never public: internal zones, reverse zones and single labels (search-domain expansion). */
export function isInternalName(host: string): boolean {
  const name = normalizeHost(host);
  return BLOCKED_NAMES.test(name) || !name.includes('.');
}

/**
 * Decides where the backend may connect: an SMTP port, a host that is not internal, resolved exactly once.
 * Every address the name resolves to must be public (or inside PROBE_ALLOWED_CIDRS); one bad address
 * refuses the name whole. The caller connects to `address`, never to the name again (no DNS rebinding).
 * `host` has already passed lib/settings Host (no 0x7f.1, 2130706433, 127.1, ports, schemes or paths).
 */
export async function guardTarget(host: string, port: number, opts: GuardOptions): Promise<GuardResult> {
  const start = Date.now();
  if (!opts.ports.includes(port)) return { ok: false, code: 'port_not_allowed', field: 'port' };
  if (isIP(host)) {
    const v = checkAddress(host, opts.allowedCidrs);
    if (!v.ok) return { ok: false, code: 'target_not_allowed', field: 'host', why: v.why, address: host };
    return { ok: true, host, isName: false, addresses: [canonicalIp(host)], address: canonicalIp(host), ms: Date.now() - start };
  }
  const name = normalizeHost(host);
  if (BLOCKED_NAMES.test(name)) return { ok: false, code: 'target_not_allowed', field: 'host', why: 'internal-name' };

  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, opts.dnsTimeoutMs, 'timeout').unref());
  const lookup = Promise.allSettled([opts.resolver.resolve4(name), opts.resolver.resolve6(name)]);
  const settled = await Promise.race([lookup, timeout]);
  if (settled === 'timeout') return { ok: false, code: 'dns_failed', field: 'host', dns: 'timeout' };
  const addresses: string[] = [];
  let notFound = 0;
  for (const r of settled) {
    if (r.status === 'fulfilled') addresses.push(...r.value);
    else if (['ENOTFOUND', 'ENODATA', 'NXDOMAIN'].includes((r.reason as NodeJS.ErrnoException)?.code ?? '')) notFound++;
  }
  if (addresses.length === 0) return { ok: false, code: 'dns_failed', field: 'host', dns: notFound === 2 ? 'not-found' : 'error' };
  for (const a of addresses) {
    const v = checkAddress(a, opts.allowedCidrs);
    if (!v.ok) return { ok: false, code: 'target_not_allowed', field: 'host', why: v.why, address: a };
  }
  const unique = [...new Set(addresses.map(canonicalIp))];
  // IPv4 first: many networks (and this backend's host) have no IPv6 route.
  const address = unique.find((a) => isIP(a) === 4) ?? unique[0]!;
  return { ok: true, host: name, isName: true, addresses: unique, address, ms: Date.now() - start };
}
