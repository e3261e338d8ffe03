import { useEffect, useRef, useState } from 'preact/hooks';
import type { ProbeReport, ProbeStep } from '@/lib/api';
import type { SettingsDraft, SmtpSettings } from '@/lib/settings';
import { wizardMessages } from '@/lib/i18n/wizard';
import { commonMessages } from '@/lib/i18n/common';
import { useT } from '@/components/lang';
import { FindingList, describeFix } from '@/components/FindingList';
import { ENCRYPTION_LABELS } from '@/components/crm-labels';
import type { BackendClient } from '../backend';
import { isLoopbackUrl } from '@/lib/prefs';

type Run =
  | { phase: 'idle' }
  | { phase: 'running'; started: number; expected: string[]; steps: ProbeStep[] }
  | { phase: 'down' }
  | { phase: 'stopped' }
  | { phase: 'error'; message: string; findings?: ProbeReport['findings'] }
  | { phase: 'done'; report: ProbeReport; retested?: boolean };

export interface ProbeTestProps {
  client: BackendClient;
  /** The draft's settings when complete, else the fields still missing. */
  complete: { ok: true; settings: SmtpSettings } | { ok: false; fields: string[] };
  draft: SettingsDraft;
  /** Applies a fix to the draft and returns the settings to test next (undefined if incomplete). */
  applyFix: (fix: Partial<SettingsDraft>) => SmtpSettings | undefined;
  backendUrl: string;
}

/** The steps a probe of these settings will go through when all goes well, in wire order (shown while it runs). */
export function expectedSteps(s: SmtpSettings): ProbeStep['step'][] {
  const auth = s.auth.method === 'password' ? (['auth'] as const) : [];
  if (s.encryption === 'ssl') return ['resolve', 'connect', 'tls', 'greeting', 'ehlo', ...auth, 'quit'];
  if (s.encryption === 'none') return ['resolve', 'connect', 'greeting', 'ehlo', ...auth, 'quit'];
  return ['resolve', 'connect', 'greeting', 'ehlo', 'tls', 'ehlo', ...auth, 'quit'];
}

/** The expected steps that have not arrived yet (the first of them is the one under way). */
export function stepsToCome(expected: readonly string[], arrived: readonly ProbeStep[]): string[] {
  const left = new Map<string, number>();
  for (const a of arrived) left.set(a.step, (left.get(a.step) ?? 0) + 1);
  return expected.filter((s) => {
    const n = left.get(s) ?? 0;
    if (n > 0) left.set(s, n - 1);
    return n === 0;
  });
}

/** "Test nu" [S-E1]: the CRM's connection test done now through the backend, with per-step progress, verdict and one-click fixes. */
export function ProbeTest({ client, complete, draft, applyFix, backendUrl }: ProbeTestProps) {
  const t = useT(wizardMessages);
  const tc = useT(commonMessages);
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const [now, setNow] = useState(Date.now());
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    if (run.phase !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [run.phase]);

  const test = async (s: SmtpSettings | undefined, retested = false) => {
    if (!s) return;
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    setNow(Date.now());
    setRun({ phase: 'running', started: Date.now(), expected: expectedSteps(s), steps: [] });
    // Each step as the backend completes it (NDJSON); an older backend just sends the report at the end.
    const onStep = (step: ProbeStep) => {
      if (!ctl.signal.aborted) setRun((r) => (r.phase === 'running' ? { ...r, steps: [...r.steps, step] } : r));
    };
    const r = await client.probe({ host: s.host, port: s.port, encryption: s.encryption, auth: s.auth, mode: s.mode }, ctl.signal, onStep);
    if (ctl.signal.aborted) return;
    if (r.ok) setRun({ phase: 'done', report: r.data, retested });
    else if (r.code === 'aborted') setRun({ phase: 'stopped' });
    else if (r.kind === 'unreachable') setRun({ phase: 'down' });
    else setRun({ phase: 'error', message: r.message, findings: r.error?.findings });
  };
  const fixAndRetest = (fix: Partial<SettingsDraft>) => void test(applyFix(fix), true);

  const report = run.phase === 'done' ? run.report : undefined;
  const recommended = report?.detected.recommendedEncryption;
  // A finding may carry the same fix; then its own button is enough.
  const showRecommended = recommended && recommended !== draft.encryption && !report!.findings.some((f) => f.fix?.encryption === recommended);

  return (
    <section class="test" aria-labelledby="e-test">
      <h3 id="e-test">{t('E.testHeading')}</h3>
      <p>{t('E.testLead')}</p>
      <div class="row">
        <button type="button" class="primary" onClick={() => void test(complete.ok ? complete.settings : undefined)} disabled={run.phase === 'running' || !complete.ok} aria-describedby="e-test-status">
          {run.phase === 'running' ? t('E.testing') : t('E.test')}
        </button>
        {run.phase === 'running' && (
          <button type="button" class="secondary" onClick={() => abort.current?.abort()}>
            {t('E.stop')}
          </button>
        )}
      </div>
      <div id="e-test-status" aria-live="polite">
        {!complete.ok && <p class="help">{t('E.incomplete', { fields: complete.fields.join(', ') })}</p>}
        {run.phase === 'down' && (
          <p class="finding finding-error" data-testid="backend-down">
            {t(isLoopbackUrl(backendUrl) ? 'E.backendDown' : 'E.backendDownRemote', { url: backendUrl })}
          </p>
        )}
        {run.phase === 'stopped' && <p class="help">{t('E.stopped')}</p>}
        {run.phase === 'error' && (
          <>
            <p class="finding finding-error" data-testid="probe-error">
              {t('E.error', { message: run.message })}
            </p>
            {run.findings && <FindingList findings={run.findings} onFix={fixAndRetest} />}
          </>
        )}
        {run.phase === 'running' && (
          <>
            <p class="help" data-testid="probe-running">
              {t('E.elapsed', { seconds: Math.max(0, Math.floor((now - run.started) / 1000)) })}
            </p>
            <StepRows steps={run.steps} toCome={stepsToCome(run.expected, run.steps)} />
          </>
        )}
        {report && (
          <>
            {run.phase === 'done' && run.retested && <p class="help">{t('E.fixRetest')}</p>}
            <StepRows steps={report.steps} />
            {report.tls && (
              <p class="help" data-testid="probe-tls">
                {t('E.tls', {
                  protocol: report.tls.protocol,
                  trust: !report.tls.trusted
                    ? t('E.tls.untrusted', { reason: report.tls.trustError ?? '?' })
                    : report.tls.hostnameMatches
                      ? t('E.tls.trusted', { host: report.target.host })
                      : t('E.tls.nameMismatch', { host: report.target.host }),
                })}
              </p>
            )}
            <p class={`verdict ${report.ok ? 'verdict-ok' : 'verdict-fail'}`} data-testid="verdict" data-verdict={report.ok ? 'ok' : 'fail'}>
              {report.ok ? t('E.verdict.ok') : t('E.verdict.fail')}
            </p>
            {showRecommended && (
              <p class="finding finding-warning" data-testid="recommended">
                <span class="finding-text">{t('E.recommended', { label: ENCRYPTION_LABELS[recommended] })}</span>
                <button type="button" class="fix" onClick={() => fixAndRetest({ encryption: recommended })}>
                  {tc('fixApply', { what: describeFix({ encryption: recommended }, tc) })}
                </button>
              </p>
            )}
            <FindingList findings={report.findings} onFix={fixAndRetest} />
          </>
        )}
      </div>
    </section>
  );
}

/**
 * The probe's steps: those done (status, ms, the server's reply), and while it runs the step under way
 * (a spinner) and the ones still to come.
 */
function StepRows({ steps, toCome }: { steps: readonly ProbeStep[]; toCome?: readonly string[] }) {
  const t = useT(wizardMessages);
  const running = toCome !== undefined;
  return (
    <ol class="progress" data-testid="probe-steps" aria-label={t('E.testHeading')} aria-busy={running ? 'true' : undefined}>
      {steps.map((s, i) => (
        <li key={`${s.step}-${i}`} class={`progress-${s.status}`} data-step={s.step} data-status={s.status}>
          <span>{t(`E.step.${s.step}`)}</span>
          <span class="progress-status">
            {t(`E.status.${s.status}`)}
            {s.status !== 'skipped' && <span class="muted"> · {s.ms} ms</span>}
          </span>
          {(s.message || s.reply) && <span class="help progress-detail">{[s.message, s.reply].filter(Boolean).join(' — ')}</span>}
        </li>
      ))}
      {toCome?.map((s, i) => (
        <li key={`${s}-next-${i}`} class={i === 0 ? 'progress-pending progress-current' : 'progress-pending progress-later'} data-step={s} data-status={i === 0 ? 'running' : 'pending'}>
          <span>{t(`E.step.${s}` as 'E.step.resolve')}</span>
          <span class="progress-status">
            {i === 0 ? (
              <>
                <span class="spinner" aria-hidden="true" />
                {t('E.status.pending')}
              </>
            ) : (
              '…'
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
