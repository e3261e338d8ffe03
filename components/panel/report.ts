import { format } from '@/lib/i18n/format';
import type { Lang } from '@/lib/i18n/define';
import type { PanelKey } from '@/lib/i18n/panel';
import type { FixDraft, FormValues, ShownFinding, ShownProbeReport } from '@/lib/messages';

const ENCRYPTION_LABELS: Record<string, string> = {
  none: 'Geen encryptie',
  ssl: 'Gebruik SSL',
  'tls-if-available': 'Gebruik TLS indien beschikbaar',
  tls: 'Gebruik TLS',
};

export const encryptionLabel = (v: string | undefined) => (v ? (ENCRYPTION_LABELS[v] ?? v) : undefined);

// The panel's texts come from the background (crm/panel-data, in the panel's language): the catalogue
// (nl and en) would cost the content script, which loads on every CRM page, about 3.5 KB gzipped.
let texts: Partial<Record<string, string>> = {};
export const setPanelTexts = (t: Record<string, string> | undefined) => void (t && (texts = t));

/** The panel's text for a key (the texts of the language last loaded; `lang` names the intent). */
export const panelT =
  (_lang: Lang) =>
  (key: PanelKey, params?: Record<string, string | number>): string =>
    format(texts[key] ?? key, params);

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
  lang: Lang;
  /** A one-line summary of the last server test, when there was one. */
  probe?: string;
}

/**
 * The support report: what the form shows, the findings, page and time. Never the password: the
 * input has no field for it, only whether the form's Wachtwoord is filled.
 */
export function buildReport(r: ReportInput): string {
  const t = panelT(r.lang);
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
