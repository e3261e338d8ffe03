import { plannedSteps, stepsToCome } from '@/lib/probe-steps';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ProbeReport, ProbeStep } from '@/lib/api';
import type { SettingsDraft, SmtpSettings } from '@/lib/settings';
import { wizardMessages } from '@/lib/i18n/wizard';
import { commonMessages } from '@/lib/i18n/common';
import { useLang, useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { describeFix } from '@/lib/describe-fix';
import { ENCRYPTION_LABELS } from '@/lib/crm-labels';
import { stepMessages, errorKey } from '@/lib/i18n/steps';
import { probeOutcome, type ProbeOutcome } from '@/lib/probe-outcome';
import { PRESETS } from '@/lib/presets';
import { normalizeHost } from '@/lib/host-name';
import type { LastOutcomes } from '@/services/settings-store';
import type { BackendClient, BackendFailure } from '../backend';
import { isLoopbackUrl } from '@/lib/prefs';

type Run =
  | { phase: 'idle' }
  | { phase: 'running'; started: number; expected: string[]; steps: ProbeStep[] }
  | { phase: 'down' }
  | { phase: 'stopped' }
  | { phase: 'error'; failure: BackendFailure; findings?: ProbeReport['findings'] }
  | { phase: 'done'; report: ProbeReport; retested?: boolean };

export interface ProbeTestProps {
  client: BackendClient;
  /** The draft's settings when complete, else the fields still missing. */
  complete: { ok: true; settings: SmtpSettings } | { ok: false; fields: string[] };
  draft: SettingsDraft;
  /** Applies a fix to the draft and returns the settings to test next (undefined if incomplete). */
  applyFix: (fix: Partial<SettingsDraft>) => SmtpSettings | undefined;
  backendUrl: string;
  /** Called with each finished test's result (for the summary and the side navigation). */
  onOutcome?: (test: NonNullable<LastOutcomes['test']>) => void;
}

/** Whether a host is the server of one of our presets (then its spelling is not the admin's problem). */
const isPresetHost = (host: string) => PRESETS.some((p) => p.host === normalizeHost(host));

/** The steps a probe of these settings will go through when all goes well, in wire order (shown while it runs). */
function expectedSteps(s: SmtpSettings): ProbeStep['step'][] {
  return plannedSteps(s.encryption, s.auth.method === 'password');
}


/** "Test nu" [S-E1]: the CRM's connection test done now through the backend, with per-step progress, verdict and one-click fixes. */
export function ProbeTest({ client, complete, draft, applyFix, backendUrl, onOutcome }: ProbeTestProps) {
  const t = useT(wizardMessages);
  const tc = useT(commonMessages);
  const ts = useT(stepMessages);
  const result = useRef<HTMLDivElement>(null);
  const focusResult = useRef(false);
  const lang = useLang();
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
    // Keyboard and screen-reader users follow the result: the pressed button may be gone after this render.
    focusResult.current = true;
    result.current?.focus();
    // Each step as the backend completes it (NDJSON); an older backend just sends the report at the end.
    const onStep = (step: ProbeStep) => {
      if (!ctl.signal.aborted) setRun((r) => (r.phase === 'running' ? { ...r, steps: [...r.steps, step] } : r));
    };
    const r = await client.probe({ host: s.host, port: s.port, encryption: s.encryption, auth: s.auth, mode: s.mode }, ctl.signal, onStep);
    if (ctl.signal.aborted) return;
    const base = { at: new Date().toISOString(), host: s.host, port: s.port, encryption: s.encryption };
    focusResult.current = true;
    if (r.ok) {
      setRun({ phase: 'done', report: r.data, retested });
      const o = probeOutcome(r.data);
      onOutcome?.({ ...base, kind: o.kind, ...(o.step ? { step: o.step } : {}), ...(o.code ? { code: o.code } : {}) });
    } else if (r.code === 'aborted') setRun({ phase: 'stopped' });
    else if (r.kind === 'unreachable') {
      setRun({ phase: 'down' });
      onOutcome?.({ ...base, kind: 'error', code: r.code });
    } else {
      setRun({ phase: 'error', failure: r, findings: r.error?.findings });
      onOutcome?.({ ...base, kind: 'error', code: r.code });
    }
  };
  useEffect(() => {
    if (run.phase === 'running' || !focusResult.current) return;
    focusResult.current = false;
    result.current?.focus();
    result.current?.scrollIntoView?.({ block: 'nearest' });
  }, [run.phase]);
  const fixAndRetest = (fix: Partial<SettingsDraft>) => void test(applyFix(fix), true);
  // "Stoppen": the request is aborted (the backend sees the client leave) and the region says "Test gestopt.".
  // The aborted run returns early above, so the stopped state is set here, not from its result.
  const stop = () => {
    abort.current?.abort();
    focusResult.current = true;
    setRun({ phase: 'stopped' });
  };

  const report = run.phase === 'done' ? run.report : undefined;
  const recommended = report?.detected.recommendedEncryption;
  // A finding may carry the same fix; then its own button is enough.
  const showRecommended = recommended && recommended !== draft.encryption && !report!.findings.some((f) => f.fix?.encryption === recommended);
  const outcome: ProbeOutcome | undefined = report && probeOutcome(report);
  const presetHost = report ? isPresetHost(report.target.host) : false;
  // A name from our own preset is spelled right: its look-up failing is ours to explain, not the admin's to fix.
  const reportFindings = report ? report.findings.filter((f) => !(presetHost && f.code === 'dns-not-found')) : [];

  return (
    <section class="test" aria-labelledby="e-test">
      <h3 id="e-test">{t('E.testHeading')}</h3>
      <p>{t('E.testLead')}</p>
      <div class="row">
        <button type="button" class="primary" onClick={() => void test(complete.ok ? complete.settings : undefined)} disabled={run.phase === 'running' || !complete.ok} aria-describedby="e-test-status">
          {run.phase === 'running' ? t('E.testing') : t('E.test')}
        </button>
        {run.phase === 'running' && (
          <button type="button" class="secondary" onClick={stop}>
            {t('E.stop')}
          </button>
        )}
      </div>
      <div id="e-test-status" aria-live="polite" role="status" tabIndex={-1} ref={result} class="result-region" data-phase={run.phase} data-testid="e-test-region">
        {!complete.ok && <p class="help">{t('E.incomplete', { fields: complete.fields.join(', ') })}</p>}
        {run.phase === 'down' && (
          <p class="finding finding-error" data-testid="backend-down">
            {t(isLoopbackUrl(backendUrl) ? 'E.backendDown' : 'E.backendDownRemote', { url: backendUrl })}
          </p>
        )}
        {run.phase === 'stopped' && <p class="help">{t('E.stopped')}</p>}
        {run.phase === 'error' && (
          <>
            <p class="finding finding-error" data-testid="probe-error" data-code={run.failure.code}>
              {ts(errorKey(run.failure.code), { url: backendUrl, seconds: run.failure.error?.retryAfter ?? 60, field: run.failure.error?.field ? ` (${run.failure.error.field})` : '' })}
            </p>
            <p class="help details" data-testid="probe-error-details">
              {ts('err.details', { code: run.failure.status ? `${run.failure.code}, HTTP ${run.failure.status}` : run.failure.code })}
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
            <p class={`verdict ${report.ok ? 'verdict-ok' : outcome!.kind === 'unreachable' ? 'verdict-unknown' : 'verdict-fail'}`} data-testid="verdict" data-verdict={report.ok ? 'ok' : 'fail'} data-outcome={outcome!.kind}>
              {ts(`outcome.${outcome!.kind}`, { host: report.target.host, step: outcome!.step ? ts(`step.${outcome!.step}` as 'step.resolve') : '' })}
            </p>
            {outcome!.code && (
              <p class="help details" data-testid="verdict-details">
                {ts('outcome.details', { step: ts(`step.${outcome!.step}` as 'step.resolve'), code: outcome!.code })}
              </p>
            )}
            {presetHost && report.findings.some((f) => f.code === 'dns-not-found') && (
              <p class="finding finding-warning" data-testid="preset-lookup">
                {ts('outcome.presetLookup', { host: report.target.host })}
              </p>
            )}
            {showRecommended && (
              <p class="finding finding-warning" data-testid="recommended">
                <span class="finding-text">{t('E.recommended', { label: ENCRYPTION_LABELS[recommended] })}</span>
                <button type="button" class="fix" onClick={() => fixAndRetest({ encryption: recommended })}>
                  {tc('fixApply', { what: describeFix({ encryption: recommended }, lang) })}
                </button>
              </p>
            )}
            <FindingList findings={reportFindings} onFix={fixAndRetest} />
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
  const ts = useT(stepMessages);
  const running = toCome !== undefined;
  return (
    <ol class="progress" data-testid="probe-steps" aria-label={t('E.testHeading')} aria-busy={running ? 'true' : undefined}>
      {steps.map((s, i) => (
        <li key={`${s.step}-${i}`} class={`progress-${s.status}`} data-step={s.step} data-status={s.status}>
          <span>{ts(`step.${s.step}`)}</span>
          <span class="progress-status">
            {ts(`status.${s.status}`)}
            {s.status !== 'skipped' && <span class="muted"> · {s.ms} ms</span>}
          </span>
          {(s.message || s.reply) && <span class="help progress-detail">{[s.message, s.reply].filter(Boolean).join(' — ')}</span>}
        </li>
      ))}
      {toCome?.map((s, i) => (
        <li key={`${s}-next-${i}`} class={i === 0 ? 'progress-pending progress-current' : 'progress-pending progress-later'} data-step={s} data-status={i === 0 ? 'running' : 'pending'}>
          <span>{ts(`step.${s}` as 'step.resolve')}</span>
          <span class="progress-status">
            {i === 0 ? (
              <>
                <span class="spinner" aria-hidden="true" />
                {ts('status.pending')}
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
