import { Resolver } from 'node:dns/promises';
import { PRESETS, presetToDraft, providerDomains } from '../lib/presets';
import { detectProvider, mxProviderDomain } from '../lib/provider-detect';
import { SPF_LOOKUP_LIMIT, spfIncludes } from '../lib/spf';
import { countSpfLookups } from './spf-count';
import { checkMailDomain, parsePlainAddress } from '../lib/validation-input';
import type { Finding } from '../lib/findings';
import { normalizeHost } from '../lib/host-name';
import type { SettingsDraft } from '../lib/settings';

/** The DNS look-ups discover needs; node's Resolver fits, tests point one at an in-process DNS server. */
export interface MailDns {
  resolveMx(name: string): Promise<{ exchange: string; priority: number }[]>;
  resolveTxt(name: string): Promise<string[][]>;
  resolveSrv(name: string): Promise<{ name: string; port: number; priority: number; weight: number }[]>;
  /** For implicit MX (RFC 5321 §5.1): a domain without MX receives mail on its A/AAAA address. */
  resolve4?(name: string): Promise<string[]>;
  resolve6?(name: string): Promise<string[]>;
}

export function createMailDns(servers: readonly string[], timeoutMs: number): MailDns {
  const r = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (servers.length) r.setServers([...servers]);
  return r;
}

export type CandidateSource = 'preset' | 'mx' | 'spf' | 'srv' | 'guess';
export interface Candidate {
  settings: SettingsDraft;
  source: CandidateSource;
  confidence: 'high' | 'medium' | 'low';
  /** The preset's name ("Office 365") when a preset matched. */
  provider?: string;
  presetId?: string;
}

export interface DiscoverResult {
  domain: { name: string; mx: string[]; spf?: string; dmarc?: string };
  candidates: Candidate[];
  findings: Finding[];
}

type Lookup<T> = { ok: true; records: T[]; nxdomain: boolean } | { ok: false };

/** A look-up that treats "no such record" as empty and anything else (timeout, SERVFAIL) as unknown. */
async function lookup<T>(fn: () => Promise<T[]>): Promise<Lookup<T>> {
  try {
    return { ok: true, records: await fn(), nxdomain: false };
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    // Node reports NXDOMAIN as ENOTFOUND and an existing name without such records as ENODATA.
    if (code === 'ENOTFOUND') return { ok: true, records: [], nxdomain: true };
    if (code === 'ENODATA') return { ok: true, records: [], nxdomain: false };
    return { ok: false };
  }
}

const CONFIDENCE_ORDER = { high: 0, medium: 1, low: 2 } as const;

/**
 * All look-ups together get this long. A resolver's own time-out is per try (3 s × 2 tries, and c-ares
 * doubles the second), so one dropped query could hold the answer ~9 s; a look-up still open at the
 * deadline counts as unknown (like a SERVFAIL) and the answer carries what is known.
 */
const DISCOVER_DEADLINE_MS = 6000;

export interface DiscoverOptions {
  deadlineMs?: number;
}

/**
 * Suggests SMTP settings for an address or domain from DNS: known providers by address domain, or by the MX
 * hosts' domain looked up in every preset's domain list (lib/presets.ts detectProvider, as Thunderbird does),
 * RFC 6186/8314 SRV records, then Thunderbird-style guesses (smtp./mail. × 587 STARTTLS, 465 SSL).
 * Also reads SPF and DMARC, because mail sent through the own server must pass them to arrive.
 * It connects to nothing; a caller that wants certainty probes the candidates.
 */
export async function discover(input: { email?: string; domain?: string }, dns: MailDns, opts: DiscoverOptions = {}): Promise<DiscoverResult> {
  const address = input.email !== undefined ? parsePlainAddress(input.email) : undefined;
  const name = address?.ok ? address.domain : checkMailDomain(input.domain);
  if (!name) {
    return { domain: { name: '', mx: [] }, candidates: [], findings: [{ code: 'domain-invalid', severity: 'error', field: 'domain' }] };
  }
  const email = address?.ok ? address.address : undefined;

  const deadline = Date.now() + (opts.deadlineMs ?? DISCOVER_DEADLINE_MS);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: false }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false }), deadline - Date.now());
  });
  const bounded = <T>(fn: () => Promise<T[]>) => Promise.race([lookup(fn), late]);
  const [mxR, txtR, dmarcR, subsR, subR] = await Promise.all([
    bounded(() => dns.resolveMx(name)),
    bounded(() => dns.resolveTxt(name)),
    bounded(() => dns.resolveTxt(`_dmarc.${name}`)),
    bounded(() => dns.resolveSrv(`_submissions._tcp.${name}`)),
    bounded(() => dns.resolveSrv(`_submission._tcp.${name}`)),
  ]).finally(() => clearTimeout(timer));
  const findings: Finding[] = [];
  if (mxR.ok && mxR.nxdomain && txtR.ok && txtR.nxdomain) {
    // The name itself does not exist: a typo, not a DNS configuration to advise on.
    findings.push({ code: 'dns-domain-not-found', severity: 'error', field: 'domain', params: { domain: name } });
    const candidates = detectProvider({ email }).map((hit) => ({
      settings: presetToDraft(hit.preset, { email, domain: name }),
      source: 'preset' as const,
      confidence: 'high' as const,
      provider: hit.preset.name,
      presetId: hit.preset.id,
    }));
    return { domain: { name, mx: [] }, candidates, findings };
  }
  const mx = mxR.ok
    ? [...mxR.records].sort((a, b) => a.priority - b.priority).map((r) => normalizeHost(r.exchange)).filter(Boolean)
    : [];
  if (!mxR.ok) findings.push({ code: 'dns-lookup-failed', severity: 'warning', field: 'domain', params: { domain: name } });
  else if (mxR.records.length > 0 && mx.length === 0) {
    // "MX 0 ." (RFC 7505, Null MX): the domain says it accepts no mail.
    findings.push({ code: 'dns-no-mx', severity: 'warning', field: 'domain', variant: 'null-mx', params: { domain: name } });
  } else if (mx.length === 0) {
    // No MX: mail goes to the domain's own A/AAAA address (RFC 5321 §5.1, implicit MX). Only without those it cannot receive.
    const [a4, a6] = await Promise.all([lookup(() => dns.resolve4?.(name) ?? Promise.resolve([])), lookup(() => dns.resolve6?.(name) ?? Promise.resolve([]))]);
    const hasAddress = (a4.ok && a4.records.length > 0) || (a6.ok && a6.records.length > 0);
    if (hasAddress) findings.push({ code: 'dns-implicit-mx', severity: 'info', field: 'domain', params: { domain: name } });
    else if (a4.ok && a6.ok) findings.push({ code: 'dns-no-mx', severity: 'warning', field: 'domain', params: { domain: name } });
    else findings.push({ code: 'dns-lookup-failed', severity: 'warning', field: 'domain', params: { domain: name } });
  }

  const spfRecords = txtR.ok ? txtR.records.map((parts) => parts.join('')).filter((t) => /^v=spf1(\s|$)/i.test(t)) : [];
  const spf = spfRecords[0];
  if (txtR.ok && spfRecords.length === 0) findings.push({ code: 'spf-missing', severity: 'warning', field: 'domain', params: { domain: name } });
  if (spfRecords.length > 1) findings.push({ code: 'spf-multiple', severity: 'error', field: 'domain', params: { domain: name, count: spfRecords.length } });
  if (spf && spfRecords.length === 1) {
    // More than 10 DNS look-ups, nested includes counted: receivers return permerror and SPF fails for all mail.
    const lookups = await countSpfLookups(spf, (n) => dns.resolveTxt(n), { deadline });
    if (lookups.count > SPF_LOOKUP_LIMIT) {
      findings.push({ code: 'spf-too-many-lookups', severity: 'error', field: 'domain', variant: lookups.complete ? undefined : 'at-least', params: { domain: name, count: lookups.count, max: SPF_LOOKUP_LIMIT } });
    }
    if (lookups.broken.length) {
      findings.push({ code: 'spf-include-broken', severity: 'error', field: 'domain', params: { domain: name, include: lookups.broken.slice(0, 3).join(', ') } });
    }
    // A provider's SPF include (lib/presets.ts spfInclude) is needed when its MX hosts receive the domain's mail.
    for (const p of PRESETS) {
      if (!p.spfInclude) continue;
      const domains = providerDomains(p);
      const usesProvider = mx.some((h) => domains.includes(mxProviderDomain(h) ?? ''));
      if (usesProvider && !spfIncludes(spf, p.spfInclude)) {
        findings.push({ code: 'spf-provider-missing', severity: 'warning', field: 'domain', params: { domain: name, include: p.spfInclude } });
      }
    }
  }
  const dmarc = dmarcR.ok ? dmarcR.records.map((parts) => parts.join('')).find((t) => /^v=DMARC1/i.test(t)) : undefined;
  if (dmarcR.ok && !dmarc) findings.push({ code: 'dmarc-missing', severity: 'info', field: 'domain', params: { domain: name } });

  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const add = (c: Candidate) => {
    const key = `${c.settings.host}:${c.settings.port}`;
    if (!c.settings.host || seen.has(key)) return;
    seen.add(key);
    candidates.push(c);
  };

  for (const hit of detectProvider({ email, mx, spf: spfRecords.length === 1 ? spf : undefined })) {
    const byDomain = hit.reasons.includes('domain');
    const source: CandidateSource = byDomain ? 'preset' : hit.reasons.includes('mx') ? 'mx' : 'spf';
    add({
      settings: presetToDraft(hit.preset, { email, domain: name, mx }),
      source,
      // Only the SPF record names it: the MX points elsewhere (a filtering service, an own server), so a guess.
      confidence: byDomain ? 'high' : source === 'spf' || hit.preset.verified === false ? 'low' : 'medium',
      provider: hit.preset.name,
      presetId: hit.preset.id,
    });
  }
  const srv = (r: typeof subsR, encryption: 'ssl' | 'tls') =>
    r.ok
      ? [...r.records]
          .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
          .filter((s) => s.name && s.name !== '.' && s.port > 0) // "." = service deliberately not offered (RFC 2782)
          .map((s) => ({ host: normalizeHost(s.name), port: s.port, encryption }))
      : [];
  for (const s of [...srv(subsR, 'ssl'), ...srv(subR, 'tls')]) {
    add({ settings: { ...s, authMethod: 'password', username: email ?? '', mode: 'relay' }, source: 'srv', confidence: 'high' });
  }
  // Nothing known, or only the SPF record's provider: Thunderbird's guessing order (its GuessConfig module):
  // smtp.<d>, mail.<d>; 587 STARTTLS before 465 SSL. (An own server behind the MX may be the one to use.)
  if (candidates.every((c) => c.source === 'spf')) {
    for (const host of [`smtp.${name}`, `mail.${name}`]) {
      add({ settings: { host, port: 587, encryption: 'tls', authMethod: 'password', username: email ?? '', mode: 'relay' }, source: 'guess', confidence: 'low' });
      add({ settings: { host, port: 465, encryption: 'ssl', authMethod: 'password', username: email ?? '', mode: 'relay' }, source: 'guess', confidence: 'low' });
    }
  }
  candidates.sort((a, b) => CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence]);
  return { domain: { name, mx, ...(spf ? { spf } : {}), ...(dmarc ? { dmarc } : {}) }, candidates, findings };
}
