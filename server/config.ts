import { readFileSync } from 'node:fs';
import { parseCidr, type Cidr } from './ip';
import { DEFAULT_CRM_RANGE } from '../lib/prefs';

/** Everything the backend can be told; tests build one with makeConfig, main.ts with loadConfig(process.env). */
export interface Config {
  version: string;
  port: number;
  host: string;
  redisUrl?: string;
  /** DNS servers for the probe's resolver ("ip" or "ip:port"); empty = the system's. */
  dnsServers: string[];
  /** PROBE_ALLOWED_CIDRS: private ranges this deployment may probe. */
  allowedCidrs: Cidr[];
  /** Exact origins, or the patterns chrome-extension://* and moz-extension://*. */
  allowedOrigins: string[];
  /** Host header values accepted (DNS-rebinding defence when bound to loopback); undefined = any. */
  allowedHosts?: string[];
  crmRange: string;
  /** The public address this backend's SMTP connections leave from (EGRESS_IP), if known. */
  egressIp?: string;
  smtpPorts: number[];
  /** HMAC key for validation codes; with Redis, shared by all instances (or kept in Redis). */
  validationSecret?: string;
  /** TRUST_PROXY: proxies (addresses/CIDRs) whose X-Forwarded-For is believed; empty = none. */
  trustProxy: Cidr[];
  /** TRUST_PROXY_HOPS: how many X-Forwarded-For entries (from the right) the trusted proxies add; default 1. */
  trustProxyHops: number;
  /** API_KEYS: with keys, every /v1/* call except health (and /metrics) needs Authorization: Bearer <key>. */
  apiKeys: string[];
  /** ALLOW_ANONYMOUS=1: a non-loopback HOST without API_KEYS on purpose. */
  allowAnonymous: boolean;
  /** Extra CA certificates (PEM) trusted for SMTP servers besides the system roots (on-premises CA, tests). */
  extraCa: string[];
  /** Name sent in EHLO. */
  ehloName: string;
  timeouts: { dns: number; connect: number; greeting: number; tls: number; command: number; overall: number; silence: number; send: number };
  limits: {
    lineBytes: number;
    replyLines: number;
    sessionBytes: number;
    bodyBytes: number;
    /** MAX_CONCURRENT_PROBES: probes running at once on this instance. */
    concurrentProbes: number;
    /** Probes running at once per client (IPv6 /64, IPv4 /32). */
    probesPerClient: number;
    /** Validation mails being sent at once on this instance. */
    concurrentSends: number;
    /** Memory store: pending validations kept per client. */
    recordsPerClient: number;
    /** HTTP server: open connections, and the seconds a client has for its headers and its whole request. */
    connections: number;
    headersTimeoutMs: number;
    requestTimeoutMs: number;
  };
  /**
   * [points, seconds] per key. Clients are IPv6 /64 or IPv4 /32, targets resolved IPs, recipients domains.
   * Per-target and per-domain buckets are kept per client, with a larger global cap behind them.
   */
  rates: {
    probePerClient: [number, number];
    discoverPerClient: [number, number];
    probePerTarget: [number, number];
    probePerTargetGlobal: [number, number];
    validationPerClient: [number, number];
    validationPerRecipient: [number, number];
    validationPerRecipientGlobal: [number, number];
    validationPerTarget: [number, number];
    validationPerTargetGlobal: [number, number];
    confirmPerClient: [number, number];
    /** Failed logins per (target IP, username); then refused before connecting. */
    loginFailures: [number, number];
  };
  code: { ttlMs: number; maxAttempts: number };
  /** How long a successful probe allows a validation mail for the same settings from the same client. */
  probeOkMs: number;
}

export type ConfigInput = Partial<Omit<Config, 'allowedCidrs' | 'trustProxy' | 'timeouts' | 'limits' | 'rates' | 'code'>> & {
  allowedCidrs?: Array<string | Cidr>;
  trustProxy?: Array<string | Cidr>;
  /** Ports allowed besides 25, 465, 587 and 2525 (EXTRA_SMTP_PORTS). */
  extraPorts?: number[];
  timeouts?: Partial<Config['timeouts']>;
  limits?: Partial<Config['limits']>;
  rates?: Partial<Config['rates']>;
  code?: Partial<Config['code']>;
};

const BASE_SMTP_PORTS = [25, 465, 587, 2525];
const DEFAULT_ORIGINS = ['chrome-extension://*', 'moz-extension://*'];

export function makeConfig(input: ConfigInput = {}): Config {
  const { extraPorts = [], allowedCidrs = [], trustProxy = [], timeouts, limits, rates, code, ...given } = input;
  const rest = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as typeof given;
  return {
    version: '0.1.0',
    port: 8787,
    host: '127.0.0.1',
    dnsServers: [],
    allowedOrigins: DEFAULT_ORIGINS,
    crmRange: DEFAULT_CRM_RANGE,
    trustProxyHops: 1,
    apiKeys: [],
    allowAnonymous: false,
    probeOkMs: 15 * 60_000,
    extraCa: [],
    ehloName: 'mailserver-assistent.invalid',
    ...rest,
    smtpPorts: [...new Set([...(rest.smtpPorts ?? BASE_SMTP_PORTS), ...extraPorts])],
    allowedCidrs: allowedCidrs.map((c) => (typeof c === 'string' ? parseCidr(c) : c)),
    trustProxy: trustProxy.map((c) => (typeof c === 'string' ? parseCidr(c) : c)),
    timeouts: { dns: 3000, connect: 5000, greeting: 10_000, tls: 5000, command: 8000, overall: 20_000, silence: 1000, send: 20_000, ...timeouts },
    limits: {
      lineBytes: 4096,
      replyLines: 200,
      sessionBytes: 64 * 1024,
      bodyBytes: 16 * 1024,
      concurrentProbes: 32,
      probesPerClient: 2,
      concurrentSends: 8,
      recordsPerClient: 20,
      connections: 512,
      headersTimeoutMs: 5000,
      requestTimeoutMs: 10_000,
      ...limits,
    },
    rates: {
      probePerClient: [30, 60],
      discoverPerClient: [30, 60],
      probePerTarget: [20, 60],
      probePerTargetGlobal: [300, 60],
      validationPerClient: [10, 3600],
      validationPerRecipient: [5, 3600],
      validationPerRecipientGlobal: [50, 3600],
      validationPerTarget: [20, 3600],
      validationPerTargetGlobal: [200, 3600],
      confirmPerClient: [30, 60],
      loginFailures: [3, 3600],
      ...rates,
    },
    code: { ttlMs: 10 * 60_000, maxAttempts: 5, ...code },
  };
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

/**
 * Reads the environment; throws with a clear message on a bad value or an unsafe combination (the
 * process should not start): REDIS_URL without VALIDATION_SECRET, or a non-loopback HOST without
 * API_KEYS unless ALLOW_ANONYMOUS=1.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const num = (name: string, v: string | undefined, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) => {
    if (v === undefined || v === '') return fallback;
    if (!/^\d+$/.test(v.trim())) throw new Error(`${name} must be a whole number, got "${v}"`);
    const n = Number(v.trim());
    if (n < min || n > max) throw new Error(`${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
  const cidrs = (name: string, v: string | undefined) =>
    list(v).map((c) => {
      try {
        return parseCidr(c);
      } catch {
        throw new Error(`${name}: "${c}" is not an IP address or CIDR range (for example 10.0.0.5 or 10.0.0.0/24)`);
      }
    });
  const extraPorts = list(env.EXTRA_SMTP_PORTS).map((p) => num('EXTRA_SMTP_PORTS', p, 0, 1, 65535));
  const host = env.HOST || '127.0.0.1';
  const port = num('PORT', env.PORT, 8787, 0, 65535);
  const loopback = LOOPBACK_HOSTS.includes(host);
  const apiKeys = list(env.API_KEYS);
  for (const k of apiKeys) if (k.length < 16 || /\s/.test(k)) throw new Error('API_KEYS: every key must be at least 16 characters without spaces (for example from `openssl rand -hex 24`)');
  const allowAnonymous = env.ALLOW_ANONYMOUS === '1' || env.ALLOW_ANONYMOUS === 'true';
  if (env.ALLOW_ANONYMOUS && !['0', '1', 'true', 'false'].includes(env.ALLOW_ANONYMOUS)) throw new Error(`ALLOW_ANONYMOUS must be 1 or 0, got "${env.ALLOW_ANONYMOUS}"`);
  if (!loopback && apiKeys.length === 0 && !allowAnonymous) {
    throw new Error(`HOST=${host} is reachable from other machines, but API_KEYS is empty: set API_KEYS (comma-separated), or ALLOW_ANONYMOUS=1 to run an anonymous backend on purpose`);
  }
  const rates = parseRates(env.RATES);
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new Error(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl.replace(/\/\/[^@]*@/, '//***@')}"`);
  if (redisUrl && !env.VALIDATION_SECRET) throw new Error('REDIS_URL is set but VALIDATION_SECRET is not: set VALIDATION_SECRET (the same long random value on every instance) so the code key does not live next to the hashes');
  if (env.VALIDATION_SECRET && env.VALIDATION_SECRET.length < 16) throw new Error('VALIDATION_SECRET must be at least 16 characters (for example from `openssl rand -hex 32`)');
  if (env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true') throw new Error('TRUST_PROXY is now a list of proxy addresses or CIDR ranges (for example 127.0.0.1 or 10.0.0.0/24), not 1/true');
  return makeConfig({
    host,
    port,
    redisUrl,
    dnsServers: list(env.DNS_SERVERS),
    allowedCidrs: cidrs('PROBE_ALLOWED_CIDRS', env.PROBE_ALLOWED_CIDRS),
    allowedOrigins: env.ALLOWED_ORIGINS ? list(env.ALLOWED_ORIGINS) : DEFAULT_ORIGINS,
    // DNS-rebinding defence for a backend on the admin's own machine; behind a proxy, the proxy checks the name.
    allowedHosts: loopback && !env.TRUST_PROXY ? [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`] : undefined,
    crmRange: env.CRM_RANGE || DEFAULT_CRM_RANGE,
    egressIp: env.EGRESS_IP || undefined,
    extraPorts,
    validationSecret: env.VALIDATION_SECRET || undefined,
    trustProxy: cidrs('TRUST_PROXY', env.TRUST_PROXY),
    trustProxyHops: num('TRUST_PROXY_HOPS', env.TRUST_PROXY_HOPS, 1, 1, 10),
    apiKeys,
    allowAnonymous,
    extraCa: env.PROBE_EXTRA_CA_FILE ? [readFileSync(env.PROBE_EXTRA_CA_FILE, 'utf8')] : [],
    ehloName: env.EHLO_NAME || undefined,
    rates,
    limits: {
      concurrentProbes: num('MAX_CONCURRENT_PROBES', env.MAX_CONCURRENT_PROBES, 32, 1),
      probesPerClient: num('MAX_PROBES_PER_CLIENT', env.MAX_PROBES_PER_CLIENT, 2, 1),
      concurrentSends: num('MAX_CONCURRENT_SENDS', env.MAX_CONCURRENT_SENDS, 8, 1),
      connections: num('MAX_CONNECTIONS', env.MAX_CONNECTIONS, 512, 1),
    },
  });
}

/** RATES="discoverPerClient=5/60,probePerClient=10/60": points per seconds for the named limits (Config.rates). */
function parseRates(v: string | undefined): Partial<Config['rates']> {
  const names = Object.keys(makeConfig().rates);
  const out: Record<string, [number, number]> = {};
  for (const item of list(v)) {
    const m = /^([A-Za-z]+)=(\d{1,9})\/(\d{1,9})$/.exec(item);
    if (!m || !names.includes(m[1]!) || Number(m[3]) < 1) throw new Error(`RATES: "${item}" is not name=points/seconds with a name from ${names.join(', ')}`);
    out[m[1]!] = [Number(m[2]), Number(m[3])];
  }
  return out as Partial<Config['rates']>;
}
