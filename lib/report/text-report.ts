import type { FormValues } from '../drafts';
import type { ShownFinding, ShownProbeReport } from '../shown';
import type { PanelKey } from '../i18n/panel';
import { ENCRYPTION_LABELS } from '../crm-labels';
import { encodeBlock, toPayload } from './machine-block';

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

/** The last server test in a few fields: verdict, target, steps, what the port speaks, the finding codes. */
export interface ProbeSummaryData {
  ok: boolean;
  host: string;
  port: number;
  ms: number;
  steps: { step: string; status: string; ms: number; code?: string }[];
  portMode: string;
  recommended?: string;
  codes: string[];
}

/** probeSummary's line read back ("Rapport openen" reads the machine block's copy of it); undefined if it is not one. */
export function parseProbeSummary(line: string): ProbeSummaryData | undefined {
  const m = /^(OK|FAIL) (.+):(\d{1,5}) \((\d+(?:\.\d+)?) ms\) \| (.*) \| port: (\S+)(?: -> (\S+))? \| (.*)$/.exec(line.trim());
  if (!m) return undefined;
  const steps: ProbeSummaryData['steps'] = [];
  for (const part of m[5] ? m[5].split(', ') : []) {
    const s = /^(\S+) (\S+) (\d+(?:\.\d+)?) ms(?: (\S+))?$/.exec(part);
    if (!s) return undefined;
    steps.push({ step: s[1]!, status: s[2]!, ms: Number(s[3]), ...(s[4] ? { code: s[4] } : {}) });
  }
  return {
    ok: m[1] === 'OK',
    host: m[2]!,
    port: Number(m[3]),
    ms: Number(m[4]),
    steps,
    portMode: m[6]!,
    ...(m[7] ? { recommended: m[7] } : {}),
    codes: m[8] === '-' ? [] : m[8]!.split(', ').filter(Boolean),
  };
}

export interface ReportInput {
  url: string;
  time: Date;
  values: FormValues;
  passwordFilled: boolean;
  findings: readonly ShownFinding[];
  /** A one-line summary of the last server test, when there was one. */
  probe?: string;
  /** The last server test itself; the summary line is made from it when `probe` is absent. */
  probeReport?: ShownProbeReport;
  /** The language the report is written in (kept in the machine block so support can answer in it). */
  lang?: 'nl' | 'en';
}

/**
 * The support report: what the form shows, the findings, page and time, then the machine-readable block
 * (lib/report/machine-block.ts) with the same facts for "Rapport openen". Never the password: the
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
  const probe = r.probe ?? (r.probeReport ? probeSummary(r.probeReport) : undefined);
  if (probe) lines.push('', `${t('report.probe')}: ${probe}`);
  const page = stripSecrets(r.url);
  // The block keeps the test's summary line as is (the panel passes only the line); "Rapport openen" reads it back.
  lines.push('', encodeBlock(toPayload({ time: r.time, page, lang: r.lang, values: v, passwordFilled: r.passwordFilled, findings: r.findings, probe })));
  return lines.join('\n');
}

/** A page address without query or fragment (they may carry tokens) and without user info. */
function stripSecrets(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '';
  }
}
