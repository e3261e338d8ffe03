import { useT } from '@/components/lang';
import { reportMessages } from '@/lib/i18n/report';
import { STEP_NAMES, type StepName } from '@/lib/probe-steps';

/** A probe's steps as the report and the re-check show them; `busy` adds the running line. */
export function Steps({ steps, busy }: { steps: readonly { step: string; status: string; ms: number; code?: string }[]; busy?: boolean }) {
  const t = useT(reportMessages);
  return (
    <ol class="progress" aria-busy={busy ? 'true' : undefined} data-testid={busy ? 'recheck-steps' : undefined}>
      {steps.map((s, i) => (
        <li key={`${s.step}-${i}`} class={`progress-${s.status}`} data-step={s.step} data-status={s.status}>
          <span>{isStep(s.step) ? t(`step.${s.step}`) : s.step}</span>
          <span class="progress-status">
            {s.status in STATUS_KEYS ? t(`status.${s.status as keyof typeof STATUS_KEYS}`) : s.status}
            {s.status !== 'skipped' && <span class="muted"> · {s.ms} ms</span>}
            {s.code && <span class="muted"> · {s.code}</span>}
          </span>
        </li>
      ))}
      {busy && (
        <li class="progress-pending progress-current" data-status="running">
          <span class="spinner" aria-hidden="true" />
          <span class="progress-status">{t('rechecking')}</span>
        </li>
      )}
    </ol>
  );
}

const isStep = (s: string): s is StepName => (STEP_NAMES as readonly string[]).includes(s);
const STATUS_KEYS = { ok: 1, warn: 1, fail: 1, skipped: 1 } as const;
