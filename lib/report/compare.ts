import { checkSettings } from '../rules';
import { sortFindings, type Finding } from '../findings';
import type { SettingsDraft } from '../settings';
import type { ReportFindingData } from './machine-block';
import type { SupportReport } from './parse-report';

// The customer's findings next to what today's rules say about the same values (rules may have changed).

/** Codes whose verdict needs the password's content, which a report never holds. */
const PASSWORD_DEPENDENT = new Set(['gmail-app-password', 'credentials-invalid']);

export type FindingDiff = 'same' | 'new' | 'gone' | 'severity' | 'password';

export interface FindingRow {
  code: string;
  /** As the customer saw it. */
  customer?: ReportFindingData;
  /** As today's rules see it. */
  today?: Finding;
  diff: FindingDiff;
}

/** The customer's form as a draft for the rules: the password only as "empty" or unknown (never a value). */
function reportDraft(report: SupportReport): SettingsDraft {
  const { form } = report;
  return { ...form, password: report.pw ? undefined : '' };
}

/** What today's rules find in the customer's values. */
export function todayFindings(report: SupportReport, now?: Date): Finding[] {
  return sortFindings(checkSettings(reportDraft(report), now ? { now } : {}));
}

/** One row per code: today's findings in their order, then those only the customer saw. */
export function compareFindings(customer: readonly ReportFindingData[], today: readonly Finding[]): FindingRow[] {
  const seen = new Map<string, ReportFindingData>();
  for (const f of customer) if (!seen.has(f.code)) seen.set(f.code, f);
  const rows: FindingRow[] = [];
  const done = new Set<string>();
  for (const f of today) {
    if (done.has(f.code)) continue;
    done.add(f.code);
    const c = seen.get(f.code);
    rows.push({ code: f.code, today: f, ...(c ? { customer: c } : {}), diff: !c ? 'new' : c.severity !== f.severity ? 'severity' : 'same' });
  }
  for (const c of seen.values()) {
    if (done.has(c.code)) continue;
    rows.push({ code: c.code, customer: c, diff: PASSWORD_DEPENDENT.has(c.code) ? 'password' : 'gone' });
  }
  return rows;
}

/** The rows that differ from what the customer saw (a password-dependent one is not a difference). */
export const differences = (rows: readonly FindingRow[]) => rows.filter((r) => r.diff !== 'same' && r.diff !== 'password');
