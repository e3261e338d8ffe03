import type { Finding } from '@/lib/findings';
import type { SettingsDraft } from '@/lib/settings';
import { parsePort } from '@/lib/port';
import type { LastOutcomes } from '@/services/settings-store';
import type { OptionsState } from './use-store';

/** How a wizard step stands, for the side navigation: nothing to say yet, done, needs attention, failed. */
export type StepMark = 'done' | 'attention' | 'failed' | undefined;

export const STEP_FIELDS: Record<'C' | 'D', readonly string[]> = { C: ['host', 'port', 'encryption'], D: ['auth', 'username', 'password'] };

/** The last test still describes these settings (same host, port and encryption). */
export function testMatchesDraft(test: NonNullable<LastOutcomes['test']>, draft: SettingsDraft): boolean {
  return test.host === draft.host?.trim() && test.port === parsePort(draft.port) && test.encryption === draft.encryption;
}

/** Each step's mark, from the draft's findings, what the admin ticked and the last test and validation mail. */
export function stepMarks(state: OptionsState, findings: readonly Finding[]): Record<'A' | 'B' | 'C' | 'D' | 'E', StepMark> {
  const on = (fields: readonly string[]) => findings.filter((f) => f.field !== undefined && fields.includes(f.field));
  const mark = (fields: readonly string[], complete: boolean, touched: boolean): StepMark => {
    const fs = on(fields);
    if (fs.some((f) => f.severity === 'error')) return 'failed';
    if (fs.some((f) => f.severity === 'warning')) return 'attention';
    if (complete) return 'done';
    return touched ? 'attention' : undefined;
  };
  const d = state.draft;
  const { test, mail } = state.outcomes;
  const authComplete = d.authMethod === 'ip-whitelist' || (d.authMethod === 'password' && !!d.username?.trim() && !!d.password);
  const serverComplete = !!d.host?.trim() && d.port !== undefined && d.port !== '' && !!d.encryption;
  let e: StepMark;
  if (test && testMatchesDraft(test, d)) {
    if (test.kind === 'refused' || test.kind === 'settings') e = 'failed';
    else if (test.kind !== 'ok' || mail?.result === 'failed') e = mail?.result === 'failed' ? 'failed' : 'attention';
    else e = mail?.result === 'validated' ? 'done' : 'attention';
  } else if (mail?.result === 'failed') e = 'failed';
  else if (test || mail) e = 'attention';
  return {
    A: state.wizard.rightDone ? 'done' : state.wizard.step && state.wizard.step !== 'A' ? 'attention' : undefined,
    B: mark(['mode'], d.mode !== undefined, false),
    C: mark(STEP_FIELDS.C, serverComplete, !!d.host),
    D: mark(STEP_FIELDS.D, authComplete, d.authMethod !== undefined),
    E: e,
  };
}

