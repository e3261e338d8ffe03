import type { DiscoverResult, ProbeReport, ProbeRequest } from '../api';
import { SETTINGS_FINDING_CODES, type Finding } from '../findings';
import type { StoredSettings } from '../settings';
import type { WizardState } from '../prefs';
import { checkHost } from '../host';
import { normalizeHost } from '../host-name';
import { parsePort } from '../port';
import { ENCRYPTIONS } from '../settings';
import { OFFICE365_BASIC_AUTH_OFF } from '../rules';
import type { Preset } from '../presets';
import { detectProvider } from '../provider-detect';
import { BACKEND_CODE, HISTORY_LIMIT, isProblem, type WatchResult, type WatchState, type WatchTarget } from './record';

/**
 * The daily re-check's domain logic, pure: what to ask the backend (never a credential), how its answers
 * become findings, which findings are new problems, and the history with what changed.
 */

const CERT_WARN_DAYS = 30;
const BASIC_AUTH_WARN_DAYS = 60;
const DAY = 86_400_000;

export interface WatchPlan {
  target: WatchTarget;
  /** What goes to POST /v1/probe: host, port, encryption (and the mode); never auth. */
  probe: ProbeRequest;
  /** The mail domain for POST /v1/discover (from the user name or the validation step), if known. */
  domain?: string;
  /** The provider the saved host belongs to (by its exact host), if any. */
  provider?: Pick<Preset, 'id' | 'name'>;
  office365: boolean;
}

/** A provider and its variants (Gmail 465, Workspace relay) are one provider. */
const family = (p: Pick<Preset, 'id' | 'variantOf'>) => p.variantOf ?? p.id;

const domainOf = (address: string | undefined) => {
  const at = address?.lastIndexOf('@') ?? -1;
  const d = at >= 0 ? address!.slice(at + 1).trim().toLowerCase() : '';
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d) ? d : undefined;
};

/** What the check will ask about the saved settings; undefined while they are incomplete. */
export function planWatch(settings: StoredSettings | undefined, wizard?: WizardState): WatchPlan | undefined {
  if (!settings) return undefined;
  const host = checkHost(settings.host ?? '');
  const port = parsePort(settings.port);
  const encryption = settings.encryption;
  if (!host.ok || port === undefined || !encryption || !(ENCRYPTIONS as readonly string[]).includes(encryption)) return undefined;
  const hit = detectProvider({ host: host.host }).find((h) => h.reasons.includes('host'));
  const domain = domainOf(settings.username) ?? (wizard?.validation?.domain ? domainOf(`x@${wizard.validation.domain}`) : undefined) ?? domainOf(wizard?.validation?.from);
  return {
    target: { host: host.host, port, encryption },
    probe: { host: host.host, port, encryption, ...(settings.mode ? { mode: settings.mode } : {}) },
    ...(domain ? { domain } : {}),
    ...(hit ? { provider: { id: family(hit.preset), name: hit.preset.name } } : {}),
    office365: hit?.preset.id === 'office365' && settings.authMethod !== 'ip-whitelist',
  };
}

/** A backend answer: structurally the backend client's BackendResult. */
export type Answer<T> = { ok: true; data: T } | { ok: false; kind: string; code: string };

export interface CheckInput {
  plan: WatchPlan;
  now: number;
  backendUrl: string;
  probe: Answer<ProbeReport>;
  discover?: Answer<DiscoverResult>;
  /** The state before this check (for STARTTLS gone and carrying findings over when the backend is down). */
  previous: WatchState;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// The backend's probe report also carries the rules' findings on the settings themselves (port-nonstandard, …):
// those do not change from one day to the next and the wizard shows them; the watch is about what changed.
const SETTINGS_CODES = new Set<string>(SETTINGS_FINDING_CODES);
const DISCOVER_CODES = new Set(['spf-missing', 'spf-multiple', 'spf-too-many-lookups', 'spf-include-broken', 'spf-provider-missing', 'dns-no-mx', 'dns-domain-not-found']);

/** Is an IPv4 address inside an SPF ip4: value (address or CIDR)? */
export function ip4Matches(address: string, value: string): boolean {
  const num = (s: string) => {
    const p = s.split('.');
    if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return undefined;
    return p.reduce((n, x) => n * 256 + Number(x), 0);
  };
  const [net, bitsRaw] = value.split('/');
  const a = num(address);
  const n = num(net ?? '');
  const bits = bitsRaw === undefined ? 32 : Number(bitsRaw);
  if (a === undefined || n === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(n / size);
}

/**
 * Does an SPF record that lists addresses only leave out the server's IPv4 address? Undefined when the
 * record has mechanisms this cannot evaluate (include, a, mx, redirect, exists, ptr): then nothing is said.
 */
export function spfLeavesOut(spf: string, address: string): boolean | undefined {
  const terms = spf.trim().split(/\s+/).slice(1);
  let listed = false;
  for (const raw of terms) {
    const term = raw.replace(/^[+~?-]/, '').toLowerCase();
    if (term === 'all' || term.startsWith('exp=')) continue;
    if (term.startsWith('ip6:')) continue;
    if (term.startsWith('ip4:')) {
      if (raw.startsWith('-') || raw.startsWith('~') || raw.startsWith('?')) continue;
      if (ip4Matches(address, term.slice(4))) listed = true;
      continue;
    }
    return undefined;
  }
  return !listed;
}

/** The findings of one check (server, domain, calendar), or the backend notice with the last known server findings. */
export function evaluate(input: CheckInput): Pick<WatchResult, 'backend' | 'findings' | 'startTls'> {
  const { plan, now, probe, discover, previous, backendUrl } = input;
  const last = previous.history.at(-1);
  if (!probe.ok) {
    // Nothing is known about the server: keep what the last check found (same target), add the backend notice.
    const carried = last && sameTarget(last.target, plan.target) ? last.findings.filter((f) => f.code !== BACKEND_CODE) : [];
    return { backend: 'unreachable', findings: [...carried, { code: BACKEND_CODE, severity: 'info', params: { url: backendUrl } }] };
  }
  const report = probe.data;
  const findings: Finding[] = [];
  const sawStartTls = previous.history.some((r) => r.backend === 'ok' && r.startTls === true && sameTarget(r.target, plan.target));
  for (const f of report.findings) {
    if (SETTINGS_CODES.has(f.code)) continue;
    if (f.code === 'starttls-not-offered' && sawStartTls) findings.push({ code: f.code, severity: f.severity, ...(f.field ? { field: f.field } : {}), variant: 'gone', params: { ...(f.params ?? {}) } });
    else findings.push({ code: f.code, severity: f.severity, ...(f.field ? { field: f.field } : {}), ...(f.variant ? { variant: f.variant } : {}), ...(f.params ? { params: f.params } : {}) });
  }
  // The certificate: still valid, but not for long.
  const validTo = report.tls ? Date.parse(report.tls.certificate.validTo) : NaN;
  if (Number.isFinite(validTo) && validTo > now && validTo - now <= CERT_WARN_DAYS * DAY && !findings.some((f) => f.code === 'cert-expired')) {
    const days = Math.ceil((validTo - now) / DAY);
    findings.push({ code: 'cert-expires-soon', severity: days <= 7 ? 'error' : 'warning', params: { days, validTo: isoDay(validTo) } });
  }
  // The domain: still at the provider of the saved host, and SPF still naming the server.
  if (discover?.ok) {
    const d = discover.data;
    for (const f of d.findings) if (DISCOVER_CODES.has(f.code)) findings.push({ code: f.code, severity: f.severity, ...(f.field ? { field: f.field } : {}), ...(f.params ? { params: f.params } : {}) });
    const mx = d.domain.mx.map(normalizeHost);
    // By the MX hosts' domains in every preset's domain list (as discovery does): moved when the MX now belongs
    // to another known provider and no longer to the saved one. An MX we cannot place says nothing.
    const byMx = new Set(detectProvider({ mx }).filter((h) => h.reasons.includes('mx')).map((h) => family(h.preset)));
    if (plan.provider && byMx.size && !byMx.has(plan.provider.id)) {
      findings.push({ code: 'provider-changed', severity: 'warning', field: 'host', params: { domain: d.domain.name, provider: plan.provider.name, mx: mx[0]! } });
    }
    const address = report.target.address;
    if (!plan.provider && d.domain.spf && address && /^\d+\.\d+\.\d+\.\d+$/.test(address) && spfLeavesOut(d.domain.spf, address)) {
      findings.push({ code: 'spf-server-missing', severity: 'warning', field: 'domain', params: { domain: d.domain.name, address } });
    }
  }
  // The calendar: Microsoft 365 turns basic auth off by default at the end of December 2026.
  if (plan.office365) {
    const off = OFFICE365_BASIC_AUTH_OFF.getTime();
    const days = Math.ceil((off - now) / DAY);
    if (days > 0 && days <= BASIC_AUTH_WARN_DAYS) findings.push({ code: 'office365-basic-auth-deadline', severity: 'warning', field: 'auth', params: { days, date: isoDay(off - DAY) } });
    else if (days <= 0) findings.push({ code: 'office365-basic-auth-retirement', severity: 'warning', field: 'auth', variant: 'after' });
  }
  return { backend: 'ok', findings, startTls: report.server.startTls };
}

const sameTarget = (a: WatchTarget, b: WatchTarget) => a.host === b.host && a.port === b.port && a.encryption === b.encryption;

/** A problem's identity across checks: its code (a changing day count or variant is the same problem). */
export const problemKey = (f: Pick<Finding, 'code'>) => f.code;

/** What is worth a notification: mail-server problems, and the backend notice. */
const notifiable = (f: Finding) => isProblem(f) || f.code === BACKEND_CODE;

/**
 * The "new problem" rule: a problem is told about once, when it first appears. While it stays (also
 * while the backend is down and the last known findings are carried over) nothing more is said; once it
 * is gone it is forgotten, so its return is news again.
 */
export function newProblems(known: readonly string[], findings: readonly Finding[]): { notify: Finding[]; known: string[] } {
  const current = findings.filter(notifiable);
  const seen = new Set(known);
  const notify: Finding[] = [];
  for (const f of current) {
    const key = problemKey(f);
    if (!seen.has(key)) {
      notify.push(f);
      seen.add(key);
    }
  }
  return { notify, known: [...new Set(current.map(problemKey))] };
}

/** Codes added and removed between two sets of findings. */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): { added: string[]; removed: string[] } {
  const a = new Set(before.map((f) => f.code));
  const b = new Set(after.map((f) => f.code));
  return { added: [...b].filter((c) => !a.has(c)), removed: [...a].filter((c) => !b.has(c)) };
}

/** The state after a check: the result appended (with what changed), the history capped, the known problems updated. */
export function recordCheck(previous: WatchState, at: number, target: WatchTarget, outcome: Pick<WatchResult, 'backend' | 'findings' | 'startTls'>): { state: WatchState; result: WatchResult; notify: Finding[] } {
  const last = previous.history.at(-1);
  const { added, removed } = diffFindings(last?.findings ?? [], outcome.findings);
  const result: WatchResult = { at, target, backend: outcome.backend, findings: outcome.findings, ...(outcome.startTls !== undefined ? { startTls: outcome.startTls } : {}), added, removed };
  const { notify, known } = newProblems(previous.known, outcome.findings);
  return { state: { lastRunAt: at, known, history: [...previous.history, result].slice(-HISTORY_LIMIT) }, result, notify };
}
