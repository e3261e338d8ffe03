import { describe, expect, it } from 'vitest';
import type { DiscoverResult, ProbeReport } from '../api';
import type { Finding } from '../findings';
import { FINDING_CODES } from '../findings';
import { WATCH_FINDING_CODES } from '../watch-findings';
import { findingText, LANGS } from '../i18n';
import { OFFICE365_BASIC_AUTH_OFF } from '../rules';
import { diffFindings, evaluate, ip4Matches, newProblems, planWatch, recordCheck, spfLeavesOut, type Answer } from './check';
import { badgeFor, BADGE_AMBER, BADGE_RED, HISTORY_LIMIT, readWatchState, type WatchState } from './record';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 9);
const empty: WatchState = { known: [], history: [] };
const f = (code: Finding['code'], severity: Finding['severity'] = 'warning', extra: Partial<Finding> = {}): Finding => ({ code, severity, ...extra });

function report(o: { startTls?: boolean; validTo?: number; findings?: ProbeReport['findings']; address?: string } = {}): ProbeReport {
  return {
    ok: true,
    target: { host: 'mail.example.nl', port: 587, address: o.address ?? '192.0.2.10', addresses: [o.address ?? '192.0.2.10'] },
    ms: 100,
    steps: [],
    server: { banner: '220 ok', extensions: [], authMechanisms: [], startTls: o.startTls ?? true },
    ...(o.validTo !== undefined
      ? { tls: { protocol: 'TLSv1.3', cipher: 'x', trusted: true, hostnameMatches: true, certificate: { subject: '', issuer: '', validFrom: new Date(NOW - DAY).toISOString(), validTo: new Date(o.validTo).toISOString(), altNames: [] } } }
      : {}),
    detected: { portMode: 'starttls' },
    findings: o.findings ?? [],
  };
}
const ok = <T,>(data: T): Answer<T> => ({ ok: true, data });
const down: Answer<never> = { ok: false, kind: 'unreachable', code: 'backend_unreachable' };
const discoverResult = (mx: string[], spf?: string, findings: DiscoverResult['findings'] = []): DiscoverResult => ({ domain: { name: 'example.nl', mx, ...(spf ? { spf } : {}) }, candidates: [], findings });

const own = planWatch({ host: 'mail.example.nl', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@example.nl' })!;
const o365 = planWatch({ host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@example.nl' })!;

describe('planWatch: what is asked, never a credential', () => {
  it('probes host, port and encryption only; the domain comes from the user name', () => {
    expect(own.probe).toEqual({ host: 'mail.example.nl', port: 587, encryption: 'tls' });
    expect(JSON.stringify(own)).not.toMatch(/password|auth/i);
    expect(own.domain).toBe('example.nl');
    expect(own.provider).toBeUndefined();
    expect(o365.provider?.id).toBe('office365');
    expect(o365.office365).toBe(true);
  });
  it('falls back to the validation step\'s domain, and refuses incomplete settings', () => {
    expect(planWatch({ host: 'mail.example.nl', port: '465', encryption: 'ssl', authMethod: 'ip-whitelist' }, { validation: { domain: 'firma.nl' } })?.domain).toBe('firma.nl');
    expect(planWatch({ host: 'mail.example.nl', port: 587 })).toBeUndefined();
    expect(planWatch({ host: 'http://x', port: 587, encryption: 'tls' })).toBeUndefined();
    expect(planWatch(undefined)).toBeUndefined();
  });
});

describe('evaluate', () => {
  it('a certificate that ends within 30 days is a warning (an error in the last week), not before', () => {
    const soon = evaluate({ plan: own, now: NOW, backendUrl: 'u', probe: ok(report({ validTo: NOW + 20 * DAY })), previous: empty });
    expect(soon.findings).toEqual([f('cert-expires-soon', 'warning', { params: { days: 20, validTo: '2026-12-20' } })]);
    expect(evaluate({ plan: own, now: NOW, backendUrl: 'u', probe: ok(report({ validTo: NOW + 3 * DAY })), previous: empty }).findings[0]?.severity).toBe('error');
    expect(evaluate({ plan: own, now: NOW, backendUrl: 'u', probe: ok(report({ validTo: NOW + 31 * DAY })), previous: empty }).findings).toEqual([]);
    // Expired: the probe's own cert-expired says it; no second finding.
    const expired = evaluate({ plan: own, now: NOW, backendUrl: 'u', probe: ok(report({ validTo: NOW - DAY, findings: [f('cert-expired', 'error', { params: { validTo: 'x' } })] })), previous: empty });
    expect(expired.findings.map((x) => x.code)).toEqual(['cert-expired']);
  });

  it('STARTTLS gone: the probe\'s starttls-not-offered, as "gone" when an earlier check saw STARTTLS', () => {
    const probeFinding = { code: 'starttls-not-offered' as const, severity: 'error' as const, field: 'encryption' as const, params: { port: 587 } };
    const first = evaluate({ plan: own, now: NOW, backendUrl: 'u', probe: ok(report({ startTls: false, findings: [probeFinding] })), previous: empty });
    expect(first.findings).toEqual([{ ...probeFinding }]);
    const before = recordCheck(empty, NOW - DAY, own.target, { backend: 'ok', findings: [], startTls: true }).state;
    const gone = evaluate({ plan: own, now: NOW, backendUrl: 'u', probe: ok(report({ startTls: false, findings: [probeFinding] })), previous: before });
    expect(gone.findings).toEqual([{ ...probeFinding, variant: 'gone' }]);
    expect(findingText(gone.findings[0]!, 'nl')).toContain('geen STARTTLS meer');
  });

  it('provider changed: the MX no longer belongs to the saved host\'s provider', () => {
    const still = evaluate({ plan: o365, now: NOW, backendUrl: 'u', probe: ok(report()), discover: ok(discoverResult(['example-nl.mail.protection.outlook.com'])), previous: empty });
    expect(still.findings.map((x) => x.code)).not.toContain('provider-changed');
    const moved = evaluate({ plan: o365, now: NOW, backendUrl: 'u', probe: ok(report()), discover: ok(discoverResult(['aspmx.l.google.com.'])), previous: empty });
    expect(moved.findings).toContainEqual(f('provider-changed', 'warning', { field: 'host', params: { domain: 'example.nl', provider: 'Office 365', mx: 'aspmx.l.google.com' } }));
  });

  it('SPF: the discover findings pass through; an address-only record without the server is flagged', () => {
    const spfMissing = { code: 'spf-provider-missing' as const, severity: 'warning' as const, field: 'domain' as const, params: { domain: 'example.nl', include: 'spf.protection.outlook.com' } };
    const r = evaluate({ plan: o365, now: NOW, backendUrl: 'u', probe: ok(report()), discover: ok(discoverResult(['example-nl.mail.protection.outlook.com'], 'v=spf1 -all', [spfMissing])), previous: empty });
    expect(r.findings).toContainEqual(spfMissing);
    const gone = evaluate({ plan: own, now: NOW, backendUrl: 'u', probe: ok(report({ address: '192.0.2.10' })), discover: ok(discoverResult(['mx.example.nl'], 'v=spf1 ip4:198.51.100.0/24 -all')), previous: empty });
    expect(gone.findings).toContainEqual(f('spf-server-missing', 'warning', { field: 'domain', params: { domain: 'example.nl', address: '192.0.2.10' } }));
    const listed = evaluate({ plan: own, now: NOW, backendUrl: 'u', probe: ok(report({ address: '192.0.2.10' })), discover: ok(discoverResult(['mx.example.nl'], 'v=spf1 ip4:192.0.2.0/28 -all')), previous: empty });
    expect(listed.findings).toEqual([]);
  });

  it('the calendar: Microsoft 365 basic auth, within 60 days of the default-off date', () => {
    const off = OFFICE365_BASIC_AUTH_OFF.getTime();
    expect(evaluate({ plan: o365, now: off - 61 * DAY, backendUrl: 'u', probe: ok(report()), previous: empty }).findings).toEqual([]);
    const near = evaluate({ plan: o365, now: off - 45 * DAY, backendUrl: 'u', probe: ok(report()), previous: empty }).findings;
    expect(near).toEqual([f('office365-basic-auth-deadline', 'warning', { field: 'auth', params: { days: 45, date: '2026-12-31' } })]);
    expect(evaluate({ plan: o365, now: off + DAY, backendUrl: 'u', probe: ok(report()), previous: empty }).findings.map((x) => x.variant)).toEqual(['after']);
    // Not a Microsoft 365 configuration: nothing.
    expect(evaluate({ plan: own, now: off - 45 * DAY, backendUrl: 'u', probe: ok(report()), previous: empty }).findings).toEqual([]);
  });

  it('backend down: reported as such, the last known server findings carried over, nothing counted twice', () => {
    const before = recordCheck(empty, NOW - DAY, own.target, { backend: 'ok', findings: [f('cert-expires-soon', 'warning', { params: { days: 9, validTo: 'x' } })], startTls: true }).state;
    const r = evaluate({ plan: own, now: NOW, backendUrl: 'http://127.0.0.1:8787', probe: down, previous: before });
    expect(r.backend).toBe('unreachable');
    expect(r.findings.map((x) => x.code)).toEqual(['cert-expires-soon', 'watch-backend-unreachable']);
    expect(badgeFor(r.findings)).toEqual({ text: '1', color: BADGE_AMBER });
    expect(badgeFor([f('watch-backend-unreachable', 'info')])).toEqual({ text: '', color: BADGE_AMBER });
  });
});

describe('the "new problem" rule', () => {
  it('tells a problem once, on the day it appears, never again while it stays', () => {
    let known: string[] = [];
    const day1 = newProblems(known, [f('cert-expires-soon', 'warning', { params: { days: 20 } })]);
    expect(day1.notify.map((x) => x.code)).toEqual(['cert-expires-soon']);
    known = day1.known;
    // Day 2: the same problem (another day count): nothing.
    const day2 = newProblems(known, [f('cert-expires-soon', 'warning', { params: { days: 19 } })]);
    expect(day2.notify).toEqual([]);
    // Day 3: a second problem appears: only that one.
    const day3 = newProblems(day2.known, [f('cert-expires-soon'), f('starttls-not-offered', 'error', { variant: 'gone' })]);
    expect(day3.notify.map((x) => x.code)).toEqual(['starttls-not-offered']);
  });
  it('a problem that went away and returns is news again; info findings are never notified', () => {
    const a = newProblems([], [f('provider-changed')]);
    const gone = newProblems(a.known, []);
    expect(gone.known).toEqual([]);
    expect(newProblems(gone.known, [f('provider-changed')]).notify).toHaveLength(1);
    expect(newProblems([], [f('whitelist-scope', 'info')]).notify).toEqual([]);
  });
  it('backend down: one notice for that, and the known server problems stay known (no repeat when it is back)', () => {
    const day1 = newProblems([], [f('cert-expires-soon')]);
    const down1 = newProblems(day1.known, [f('cert-expires-soon'), f('watch-backend-unreachable', 'info')]);
    expect(down1.notify.map((x) => x.code)).toEqual(['watch-backend-unreachable']);
    const down2 = newProblems(down1.known, [f('cert-expires-soon'), f('watch-backend-unreachable', 'info')]);
    expect(down2.notify).toEqual([]);
    const back = newProblems(down2.known, [f('cert-expires-soon')]);
    expect(back.notify).toEqual([]);
  });
  it('the same code twice in one check is one notice', () => {
    expect(newProblems([], [f('spf-missing'), f('spf-missing')]).notify).toHaveLength(1);
  });
});

describe('history', () => {
  it('keeps the last 10 results with what changed', () => {
    let state = empty;
    for (let i = 0; i < 12; i++) {
      const findings = i % 3 === 2 ? [f('cert-expires-soon')] : [];
      state = recordCheck(state, NOW + i * DAY, own.target, { backend: 'ok', findings }).state;
    }
    expect(state.history).toHaveLength(HISTORY_LIMIT);
    expect(state.history[0]!.at).toBe(NOW + 2 * DAY);
    expect(state.history.map((r) => [r.added.join(), r.removed.join()]).slice(0, 3)).toEqual([['cert-expires-soon', ''], ['', 'cert-expires-soon'], ['', '']]);
    expect(state.lastRunAt).toBe(NOW + 11 * DAY);
  });
  it('diffFindings names added and removed codes', () => {
    expect(diffFindings([f('spf-missing'), f('cert-expires-soon')], [f('cert-expires-soon'), f('starttls-not-offered', 'error')])).toEqual({ added: ['starttls-not-offered'], removed: ['spf-missing'] });
  });
  it('what is stored reads back the same, and junk or secrets in storage are dropped', () => {
    const { state } = recordCheck(empty, NOW, own.target, { backend: 'ok', findings: [f('cert-expires-soon', 'warning', { params: { days: 3 } })], startTls: true });
    expect(readWatchState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    const junk = readWatchState({ known: [1, 'a'], history: [{ at: 'x' }, { ...state.history[0], password: 'geheim', target: { host: 'h', port: 1, encryption: 'tls', password: 'geheim' } }] });
    expect(JSON.stringify(junk)).not.toContain('geheim');
    expect(junk.known).toEqual(['a']);
    expect(readWatchState(null)).toEqual({ known: [], history: [] });
  });
  it('the badge: errors in red, else warnings in amber, else nothing', () => {
    expect(badgeFor([f('cert-expires-soon'), f('starttls-not-offered', 'error'), f('spf-missing')])).toEqual({ text: '1', color: BADGE_RED });
    expect(badgeFor([f('cert-expires-soon'), f('spf-missing')])).toEqual({ text: '2', color: BADGE_AMBER });
    expect(badgeFor([]).text).toBe('');
  });
});

describe('SPF helpers', () => {
  it('ip4 ranges', () => {
    expect(ip4Matches('192.0.2.10', '192.0.2.0/24')).toBe(true);
    expect(ip4Matches('192.0.2.10', '192.0.2.10')).toBe(true);
    expect(ip4Matches('192.0.3.10', '192.0.2.0/24')).toBe(false);
    expect(ip4Matches('192.0.2.10', '0.0.0.0/0')).toBe(true);
    expect(ip4Matches('192.0.2.10', '192.0.2.0/33')).toBe(false);
  });
  it('says nothing about records it cannot evaluate', () => {
    expect(spfLeavesOut('v=spf1 mx include:x.nl -all', '192.0.2.10')).toBeUndefined();
    expect(spfLeavesOut('v=spf1 ip4:192.0.2.10 -all', '192.0.2.10')).toBe(false);
    expect(spfLeavesOut('v=spf1 -ip4:192.0.2.10 ip6:::1 ~all', '192.0.2.10')).toBe(true);
  });
});

describe('watch finding codes', () => {
  it('are finding codes, with texts in both languages that fill every placeholder', () => {
    const params = { days: 5, validTo: '2026-12-20', domain: 'example.nl', provider: 'Office 365', mx: 'mx.example.nl', address: '192.0.2.10', date: '2026-12-31', url: 'http://127.0.0.1:8787', port: 587 };
    for (const code of WATCH_FINDING_CODES) {
      expect(FINDING_CODES).toContain(code);
      for (const lang of LANGS) {
        const text = findingText({ code, params }, lang);
        expect(text).not.toBe(code);
        expect(text).not.toMatch(/\{\w+\}/);
      }
    }
    expect(findingText({ code: 'starttls-not-offered', variant: 'gone', params }, 'en')).toContain('no longer offers STARTTLS');
  });
});

describe('what the watch leaves to the wizard', () => {
  it('the rules\' findings on the settings themselves (in the probe report) are not daily problems', () => {
    const r = evaluate({ plan: own, now: NOW, backendUrl: 'u', probe: ok(report({ findings: [f('port-nonstandard', 'warning'), f('connection-refused', 'error')] })), previous: empty });
    expect(r.findings.map((x) => x.code)).toEqual(['connection-refused']);
  });
});
