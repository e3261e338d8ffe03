import type { ProbeReport } from './api';

/**
 * Who failed, in three cases an admin can act on: we could not reach or look up the server (nothing said about
 * the settings yet), the server refused (its answer matters), or the settings are wrong (a fix exists or the
 * encryption/port do not match). One rule for the wizard's "Test nu" and the panel's "Controleren".
 */
export type ProbeOutcomeKind = 'ok' | 'unreachable' | 'refused' | 'settings';

export interface ProbeOutcome {
  kind: ProbeOutcomeKind;
  /** The step that failed first, and its raw code (ENOTFOUND, EAUTH, …) for a details line. */
  step?: string;
  code?: string;
}

const UNREACHABLE = new Set(['dns-not-found', 'dns-failed', 'connection-refused', 'connection-timeout', 'greeting-timeout', 'probe-deadline']);
const SETTINGS = new Set(['port-expects-ssl', 'port-expects-starttls', 'port-plain-only', 'starttls-required', 'cleartext-auth', 'tls-handshake-failed']);

export function probeOutcome(report: Pick<ProbeReport, 'ok' | 'steps' | 'findings'>): ProbeOutcome {
  const failed = report.steps.find((s) => s.status === 'fail');
  const where = failed ? { step: failed.step, ...(failed.code ? { code: failed.code } : {}) } : {};
  if (report.ok) return { kind: 'ok' };
  const errors = report.findings.filter((f) => f.severity === 'error');
  if (errors.some((f) => SETTINGS.has(f.code) || (f.fix && f.field !== undefined && ['port', 'encryption'].includes(f.field)))) return { kind: 'settings', ...where };
  if (errors.some((f) => UNREACHABLE.has(f.code)) || failed?.step === 'resolve' || (failed?.step === 'connect' && !errors.length)) return { kind: 'unreachable', ...where };
  return { kind: 'refused', ...where };
}
