import type { Finding } from '@/lib/findings';
import type { Lang } from '@/lib/i18n';
import { translator } from '@/lib/i18n';
import { wizardMessages } from '@/lib/i18n/wizard';
import { draftToSettings } from '@/lib/settings';
import type { OptionsState } from './use-store';
import { STEP_FIELDS, testMatchesDraft } from './progress';

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
