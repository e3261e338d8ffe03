import type { FormValues } from '../drafts';
import type { ShownFinding, ShownProbeReport } from '../shown';
import type { PanelKey } from '../i18n/panel';
import { ENCRYPTION_LABELS } from '../crm-labels';

// The support report a customer copies from the panel ("Rapport kopiëren") and mails to support.

/** The panel's text lookup, in the language the report is written in. */
export type ReportT = (key: PanelKey, params?: Record<string, string | number>) => string;

const encryptionLabel = (v: string | undefined) => (v ? ((ENCRYPTION_LABELS as Record<string, string>)[v] ?? v) : undefined);

/** One line for the support report: verdict, target, each step with status and ms, the port's mode, the finding codes. */
export function probeSummary(r: ShownProbeReport): string {
  const steps = r.steps.map((s) => `${s.step} ${s.status} ${s.ms} ms${s.code ? ` ${s.code}` : ''}`).join(', ');
  const port = `${r.detected.portMode}${r.detected.recommendedEncryption ? ` -> ${r.detected.recommendedEncryption}` : ''}`;
  return `${r.ok ? 'OK' : 'FAIL'} ${r.target.host}:${r.target.port} (${r.ms} ms) | ${steps} | port: ${port} | ${r.findings.map((f) => f.code).join(', ') || '-'}`;
}

export interface ReportInput {
  url: string;
  time: Date;
  values: FormValues;
  passwordFilled: boolean;
  findings: readonly ShownFinding[];
  /** A one-line summary of the last server test, when there was one. */
  probe?: string;
}

/**
 * The support report: what the form shows, the findings, page and time. Never the password: the
 * input has no field for it, only whether the form's Wachtwoord is filled.
 */
export function buildReport(r: ReportInput, t: ReportT): string {
  const v = r.values;
  const show = (x: string | number | undefined) => (x === undefined ? t('report.missing') : String(x) === '' ? t('report.passwordEmpty') : String(x));
  const lines = [
    t('report.title'),
    `${t('report.page')}: ${stripSecrets(r.url)}`,
    `${t('report.time')}: ${r.time.toISOString()}`,
    '',
    `${t('report.settings')}:`,
    `  ${t('field.host')}: ${show(v.host)}`,
    `  ${t('field.port')}: ${show(v.port)}`,
    `  ${t('field.encryption')}: ${show(encryptionLabel(v.encryption))}`,
    `  ${t('field.authMethod')}: ${show(v.authMethod && (v.authMethod === 'password' || v.authMethod === 'ip-whitelist') ? t(`auth.${v.authMethod}`) : v.authMethod)}`,
  ];
  if (v.authMethod !== 'ip-whitelist') {
    lines.push(`  ${t('field.username')}: ${show(v.username)}`);
    lines.push(`  ${t('field.password')}: ${r.passwordFilled ? t('report.passwordFilled') : t('report.passwordEmpty')}`);
  }
  if (v.mode === 'relay' || v.mode === 'mailbox') lines.push(`  ${t('report.mode')}: ${t(`mode.${v.mode}`)}`);
  lines.push('', `${t('report.findings')}:`);
  if (r.findings.length === 0) lines.push(`  ${t('report.none')}`);
  for (const f of r.findings) lines.push(`  - [${f.severity}] ${f.code}${f.text ? `: ${f.text}` : ''}`);
  if (r.probe) lines.push('', `${t('report.probe')}: ${r.probe}`);
  return lines.join('\n');
}

/** A page address without query or fragment (they may carry tokens) and without user info. */
export function stripSecrets(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '';
  }
}
