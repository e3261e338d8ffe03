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
  /** Take the client address from the last X-Forwarded-For entry (behind one trusted proxy). */
  trustProxy: boolean;
  /** Extra CA certificates (PEM) trusted for SMTP servers besides the system roots (on-premises CA, tests). */
  extraCa: string[];
  /** Name sent in EHLO. */
  ehloName: string;
  timeouts: { dns: number; connect: number; greeting: number; tls: number; command: number; overall: number; silence: number; send: number };
  limits: { lineBytes: number; replyLines: number; sessionBytes: number; bodyBytes: number; concurrentProbes: number };
  /** [points, seconds] per key. */
  rates: {
    probePerClient: [number, number];
    probePerTarget: [number, number];
    validationPerClient: [number, number];
    validationPerRecipient: [number, number];
    validationPerTarget: [number, number];
    confirmPerClient: [number, number];
  };
  code: { ttlMs: number; maxAttempts: number };
}

export type ConfigInput = Partial<Omit<Config, 'allowedCidrs' | 'timeouts' | 'limits' | 'rates' | 'code'>> & {
  allowedCidrs?: Array<string | Cidr>;
  /** Ports allowed besides 25, 465, 587 and 2525 (EXTRA_SMTP_PORTS). */
  extraPorts?: number[];
  timeouts?: Partial<Config['timeouts']>;
  limits?: Partial<Config['limits']>;
  rates?: Partial<Config['rates']>;
  code?: Partial<Config['code']>;
};

export const BASE_SMTP_PORTS = [25, 465, 587, 2525];
export const DEFAULT_ORIGINS = ['chrome-extension://*', 'moz-extension://*'];

export function makeConfig(input: ConfigInput = {}): Config {
  const { extraPorts = [], allowedCidrs = [], timeouts, limits, rates, code, ...given } = input;
  const rest = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as typeof given;
  return {
    version: '0.1.0',
    port: 8787,
    host: '127.0.0.1',
    dnsServers: [],
    allowedOrigins: DEFAULT_ORIGINS,
    crmRange: DEFAULT_CRM_RANGE,
    trustProxy: false,
    extraCa: [],
    ehloName: 'mailserver-assistent.invalid',
    ...rest,
    smtpPorts: [...new Set([...(rest.smtpPorts ?? BASE_SMTP_PORTS), ...extraPorts])],
    allowedCidrs: allowedCidrs.map((c) => (typeof c === 'string' ? parseCidr(c) : c)),
    timeouts: { dns: 3000, connect: 5000, greeting: 10_000, tls: 5000, command: 8000, overall: 20_000, silence: 1000, send: 20_000, ...timeouts },
    limits: { lineBytes: 4096, replyLines: 200, sessionBytes: 64 * 1024, bodyBytes: 16 * 1024, concurrentProbes: 8, ...limits },
    rates: {
      probePerClient: [30, 60],
      probePerTarget: [20, 60],
      validationPerClient: [10, 3600],
      validationPerRecipient: [5, 3600],
      validationPerTarget: [20, 3600],
      confirmPerClient: [30, 60],
      ...rates,
    },
    code: { ttlMs: 10 * 60_000, maxAttempts: 5, ...code },
  };
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Reads the environment; throws with a clear message on a bad value (the process should not start). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const num = (name: string, v: string | undefined, fallback: number) => {
    if (v === undefined || v === '') return fallback;
    if (!/^\d+$/.test(v)) throw new Error(`${name} must be a number, got "${v}"`);
    return Number(v);
  };
  const extraPorts = list(env.EXTRA_SMTP_PORTS).map((p) => {
    const n = num('EXTRA_SMTP_PORTS', p, 0);
    if (n < 1 || n > 65535) throw new Error(`EXTRA_SMTP_PORTS: ${p} is not a port`);
    return n;
  });
  const host = env.HOST || '127.0.0.1';
  const port = num('PORT', env.PORT, 8787);
  const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  // REDIS_URL without VALIDATION_SECRET is fine: the key is then created once in Redis and shared (store.ts).
  return makeConfig({
    host,
    port,
    redisUrl: env.REDIS_URL || undefined,
    dnsServers: list(env.DNS_SERVERS),
    allowedCidrs: list(env.PROBE_ALLOWED_CIDRS),
    allowedOrigins: env.ALLOWED_ORIGINS ? list(env.ALLOWED_ORIGINS) : DEFAULT_ORIGINS,
    allowedHosts: loopback ? [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`] : undefined,
    crmRange: env.CRM_RANGE || DEFAULT_CRM_RANGE,
    egressIp: env.EGRESS_IP || undefined,
    extraPorts,
    validationSecret: env.VALIDATION_SECRET || undefined,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    extraCa: env.PROBE_EXTRA_CA_FILE ? [readFileSync(env.PROBE_EXTRA_CA_FILE, 'utf8')] : [],
    ehloName: env.EHLO_NAME || undefined,
    limits: { concurrentProbes: num('MAX_CONCURRENT_PROBES', env.MAX_CONCURRENT_PROBES, 8) },
  });
}
