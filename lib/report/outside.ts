import type { DiscoverResult, ProbeReport, ProbeStep } from '../api';
import { ENCRYPTION_LABELS } from '../crm-labels';
import type { Finding } from '../findings';
import { normalizeHost } from '../host-name';
import { findingText, translator, type Lang } from '../i18n';
import { reportMessages } from '../i18n/report';

// "Wat er vanaf hier nog misgaat": the re-check from the rep's side in six lines (connect, TLS, the
// certificate, the port's mode, MX, SPF), each with a state and a sentence.

export const OUTSIDE_CHECKS = ['connect', 'tls', 'cert', 'port', 'mx', 'spf'] as const;
export type OutsideCheckId = (typeof OUTSIDE_CHECKS)[number];
export type CheckState = 'ok' | 'warn' | 'fail' | 'skipped';

export interface OutsideCheck {
  id: OutsideCheckId;
  state: CheckState;
  text: string;
}

const encLabel = (e: string | undefined) => (e ? ((ENCRYPTION_LABELS as Record<string, string>)[e] ?? e) : '?');

/** The six checks from a probe without password and a discovery of the domain (either may be missing). */
export function outsideChecks(input: { probe?: ProbeReport; discover?: DiscoverResult; encryption?: string; domain?: string }, lang: Lang): OutsideCheck[] {
  const t = translator(reportMessages, lang);
  const out: OutsideCheck[] = [];
  const { probe, discover } = input;
  const skipped = (id: OutsideCheckId, text: string): OutsideCheck => ({ id, state: 'skipped', text });

  if (!probe) {
    for (const id of ['connect', 'tls', 'cert', 'port'] as const) out.push(skipped(id, t('tls.notReached')));
  } else {
    const host = probe.target.host;
    const port = probe.target.port;
    const step = (name: ProbeStep['step']) => probe.steps.find((s) => s.step === name);
    // Reaching the server: DNS and TCP. A missing greeting is the port's business (the "port" line).
    const broken = ['resolve', 'connect'].map((n) => step(n as ProbeStep['step'])).find((s) => s?.status === 'fail');
    const connect = step('connect');
    if (broken) out.push({ id: 'connect', state: 'fail', text: t('connect.fail', { host, port, code: broken.code ?? broken.step }) });
    else if (connect?.status === 'ok') out.push({ id: 'connect', state: 'ok', text: t('connect.ok', { host, port }) });
    else out.push(skipped('connect', t('tls.notReached')));

    const tls = probe.steps.filter((s) => s.step === 'tls').pop();
    if (input.encryption === 'none') out.push(skipped('tls', t('tls.none')));
    else if (tls?.status === 'fail') out.push({ id: 'tls', state: 'fail', text: t('tls.fail', { code: tls.code ?? 'ETLS' }) });
    else if (probe.tls && tls?.status !== 'skipped') out.push({ id: 'tls', state: tls?.status === 'warn' ? 'warn' : 'ok', text: t('tls.ok', { protocol: probe.tls.protocol }) });
    else out.push(skipped('tls', t('tls.notReached')));

    const c = probe.tls;
    if (!c) out.push(skipped('cert', t('cert.none')));
    else if (!c.trusted) out.push({ id: 'cert', state: 'fail', text: t('cert.untrusted', { reason: c.trustError ?? '?' }) });
    else if (!c.hostnameMatches) out.push({ id: 'cert', state: 'fail', text: t('cert.nameMismatch', { host, names: c.certificate.altNames.join(', ') || c.certificate.subject }) });
    else out.push({ id: 'cert', state: 'ok', text: t('cert.ok', { host, validTo: c.certificate.validTo }) });

    const mode = probe.detected.portMode;
    const modeText = t(`portMode.${mode}`);
    const rec = probe.detected.recommendedEncryption;
    if (rec && rec !== input.encryption) out.push({ id: 'port', state: 'fail', text: t('port.mismatch', { port, mode: modeText, label: encLabel(rec), encryption: encLabel(input.encryption) }) });
    else if (mode === 'unreachable') out.push(skipped('port', t('port.unknown', { port, mode: modeText })));
    else if (mode === 'unknown') out.push({ id: 'port', state: 'warn', text: t('port.unknown', { port, mode: modeText }) });
    else out.push({ id: 'port', state: 'ok', text: t('port.ok', { port, mode: modeText, encryption: encLabel(input.encryption) }) });
  }

  if (!discover) {
    out.push(skipped('mx', t('dns.notChecked')), skipped('spf', t('dns.notChecked')));
  } else {
    const domain = discover.domain.name || input.domain || '?';
    const findings = discover.findings as Finding[];
    const has = (code: string) => findings.find((f) => f.code === code);
    const notFound = has('dns-domain-not-found') ?? has('dns-lookup-failed');
    if (notFound) out.push({ id: 'mx', state: 'fail', text: findingText(notFound, lang) });
    else if (discover.domain.mx.length) out.push({ id: 'mx', state: 'ok', text: t('mx.ok', { domain, mx: discover.domain.mx.join(', ') }) });
    else out.push({ id: 'mx', state: 'fail', text: t('mx.missing', { domain }) });

    const spfProblem = has('spf-multiple') ?? has('spf-include-broken') ?? has('spf-too-many-lookups') ?? has('spf-provider-missing');
    if (notFound) out.push(skipped('spf', t('dns.notChecked')));
    else if (spfProblem) out.push({ id: 'spf', state: spfProblem.severity === 'error' ? 'fail' : 'warn', text: t('spf.problem', { domain, text: findingText(spfProblem, lang) }) });
    else if (discover.domain.spf) out.push({ id: 'spf', state: 'ok', text: t('spf.ok', { spf: discover.domain.spf }) });
    else out.push({ id: 'spf', state: 'warn', text: t('spf.missing', { domain }) });
  }
  return out;
}

/** The customer's mail domain, guessed: the user name's domain, else the host name without its first label. */
export function guessDomain(form: { username?: string; host?: string }): string {
  const user = form.username?.trim() ?? '';
  const at = user.lastIndexOf('@');
  if (at > 0 && user.slice(at + 1).includes('.')) return user.slice(at + 1).toLowerCase();
  const host = normalizeHost(form.host ?? '');
  if (/^[\d.]+$/.test(host) || host.includes(':')) return '';
  const labels = host.split('.').filter(Boolean);
  // Well-known providers' hosts say nothing about the customer's own domain.
  if (/(^|\.)(office365\.com|outlook\.com|gmail\.com|googlemail\.com)$/.test(host)) return '';
  return labels.length > 2 ? labels.slice(1).join('.') : labels.join('.');
}
