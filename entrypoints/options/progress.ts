import type { Finding } from '@/lib/findings';
import type { Lang } from '@/lib/i18n';
import { translator } from '@/lib/i18n';
import { wizardMessages } from '@/lib/i18n/wizard';
import { draftToSettings, type SettingsDraft } from '@/lib/settings';
import type { LastOutcomes } from '@/services/settings-store';
import type { OptionsState } from './use-store';

/** How a wizard step stands, for the side navigation: nothing to say yet, done, needs attention, failed. */
export type StepMark = 'done' | 'attention' | 'failed' | undefined;

const STEP_FIELDS: Record<'C' | 'D', readonly string[]> = { C: ['host', 'port', 'encryption'], D: ['auth', 'username', 'password'] };

/** The last test still describes these settings (same host, port and encryption). */
export function testMatchesDraft(test: NonNullable<LastOutcomes['test']>, draft: SettingsDraft): boolean {
  return test.host === draft.host?.trim() && test.port === Number(draft.port) && test.encryption === draft.encryption;
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

/** The summary's "where things stand": the last test, the validation mail, the steps not done. Never the password. */
export function statusLines(state: OptionsState, findings: readonly Finding[], lang: Lang): string[] {
  const t = translator(wizardMessages, lang);
  const time = (iso: string) =>
    new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const lines: string[] = [];
  const { test, mail } = state.outcomes;
  if (!test) lines.push(t('S.test.none'));
  else {
    const code = test.code ? ` (${test.code})` : '';
    lines.push(t('S.test.result', { time: time(test.at), server: `${test.host}:${test.port}`, result: t(`S.test.${test.kind}`) + (test.kind === 'ok' ? '' : code) }));
    if (!testMatchesDraft(test, state.draft)) lines.push(t('S.test.stale'));
  }
  if (!mail) lines.push(t('S.mail.none'));
  else lines.push(t(`S.mail.${mail.result}`, { time: time(mail.at), domain: mail.domain ?? '-', code: mail.code ?? '-' }));
  for (const letter of ['A', 'B', 'C', 'D'] as const) {
    const what = openWork(letter, state, findings);
    if (what) lines.push(t('S.stepOpen', { letter, name: t(`step.${letter}`), what: t(what.key, { count: what.count }) }));
  }
  return lines;
}

function openWork(letter: 'A' | 'B' | 'C' | 'D', state: OptionsState, findings: readonly Finding[]) {
  if (letter === 'A') return state.wizard.rightDone ? undefined : { key: 'S.open.A' as const, count: 0 };
  const fields = letter === 'B' ? ['mode'] : STEP_FIELDS[letter];
  const errors = findings.filter((f) => f.severity === 'error' && f.field !== undefined && fields.includes(f.field)).length;
  if (errors) return { key: 'S.open.errors' as const, count: errors };
  if (letter === 'B') return undefined;
  const r = draftToSettings(state.draft);
  const missing = !r.ok && r.fields.some((f) => (letter === 'C' ? fields.includes(f) : f.startsWith('auth')));
  return missing ? { key: 'S.open.incomplete' as const, count: 0 } : undefined;
}

/** Whether anything is still open: then the summary does not say "enter exactly this". */
export function anythingOpen(state: OptionsState, findings: readonly Finding[]): boolean {
  const { test, mail } = state.outcomes;
  return (
    !state.wizard.rightDone ||
    findings.some((f) => f.severity === 'error') ||
    !draftToSettings(state.draft).ok ||
    !test ||
    test.kind !== 'ok' ||
    !testMatchesDraft(test, state.draft) ||
    mail?.result !== 'validated'
  );
}
