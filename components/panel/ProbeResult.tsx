import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '@/lib/i18n';
import type { ProbeStep } from '@/lib/api';
import type { FormValues } from '@/lib/drafts';
import type { ShownFinding, ShownProbeReport } from '@/lib/shown';
import { plannedSteps, stepsToCome, type StepName } from '@/lib/probe-steps';
import type { ProbePasswordSource } from '@/messaging/messages';
import { FindingItems } from './FindingItems';
import { encryptionLabel, panelT } from './panel-texts';
import { realUse } from './guard';

export type ProbeView =
  | { state: 'done'; report: ShownProbeReport; password: ProbePasswordSource; current?: string }
  /** The backend is not running at `url`. */
  | { state: 'down'; url: string }
  /** The backend refused the request or answered nonsense: its message, and findings when it gave some. */
  | { state: 'error'; text: string; findings: ShownFinding[] }
  | { state: 'incomplete' }
  /** The form's Wachtwoord would go to the backend at `url`: the admin is asked first (once per page). */
  | { state: 'consent'; url: string };

const ICON = { ok: '✓', fail: '✗', warn: '!', skipped: '–' } as const;

/** One step of the report: icon, name, what went wrong (code, the server's reply), milliseconds. */
function StepRow({ lang, s }: { lang: Lang; s: ProbeStep }) {
  const t = panelT(lang);
  return (
    <li class={`s-${s.status}`} data-step={s.step} data-step-status={s.status}>
      <span class="i" aria-hidden="true">{ICON[s.status]}</span>
      <span>{t(`step.${s.step}`)}</span>
      <span class="msg">{s.status === 'ok' ? '' : [t(`stepStatus.${s.status}`), s.code, s.reply].filter(Boolean).join(' · ')}</span>
      <span class="ms">{s.ms} ms</span>
    </li>
  );
}

/** While the backend tests: the time so far, each step as it completes, a spinner on the one under way, the rest to come (lib/probe-steps.ts). */
export function ProbeProgress({ lang, live, encryption, withAuth }: { lang: Lang; live: readonly ProbeStep[]; encryption?: string; withAuth: boolean }) {
  const t = panelT(lang);
  const [ms, setMs] = useState(0);
  useEffect(() => {
    const start = Date.now();
    const timer = setInterval(() => setMs(Date.now() - start), 100);
    return () => clearInterval(timer);
  }, []);
  const toCome = stepsToCome(plannedSteps(encryption, withAuth), live);
  return (
    <div class="probe" data-probe="running">
      <p class="status" role="status">{t('probeRunning', { s: (ms / 1000).toFixed(1) })}</p>
      <ol class="steps" aria-label={t('stepsHeading')} aria-busy="true">
        {live.map((s, i) => (
          <StepRow key={i} lang={lang} s={s} />
        ))}
        {toCome.map((s, i) => (
          <li key={`${s}-${i}`} class={i === 0 ? 's-pending s-current' : 's-pending'} data-step={s} data-step-status={i === 0 ? 'running' : 'pending'}>
            <span class="i" aria-hidden="true">{i === 0 ? <span class="spin" /> : '…'}</span>
            <span>{t(`step.${s as StepName}`)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** What the test says about the login: only what the steps show (no "logged in" when the login step was skipped). */
function loginClaim(r: ShownProbeReport, source: ProbePasswordSource): string | undefined {
  if (source === 'none') return undefined;
  const auth = r.steps.find((s) => s.step === 'auth');
  if (!auth || auth.status === 'skipped') return 'password.notTried';
  return auth.status === 'fail' ? `password.${source}.fail` : `password.${source}`;
}

export function ProbeResult({ lang, probe, onFix, shown, onConsent }: { lang: Lang; probe: ProbeView; onFix: (f: FormValues) => unknown; shown: readonly ShownFinding[]; onConsent: (yes: boolean) => unknown }) {
  const t = panelT(lang);
  if (probe.state === 'consent')
    return (
      <div class="probe consent" data-probe="consent">
        <p class="warn" role="status">{t('consentText', { url: probe.url })}</p>
        <div class="actions">
          <button type="button" class="primary" data-action="probe-consent" onClick={(e) => realUse(e) && onConsent(true)}>
            {t('consentYes')}
          </button>
          <button type="button" class="secondary" data-action="probe-no-password" onClick={(e) => realUse(e) && onConsent(false)}>
            {t('consentNo')}
          </button>
        </div>
      </div>
    );
  if (probe.state === 'down') return <p class="status error" data-probe="down" role="alert">{t('backendDown', { url: probe.url })}</p>;
  if (probe.state === 'incomplete') return <p class="status error" data-probe="incomplete">{t('probeIncomplete')}</p>;
  if (probe.state === 'error')
    return (
      <div class="probe" data-probe="error">
        <p class="status error" role="alert">{probe.text}</p>
        <FindingItems lang={lang} findings={probe.findings} onFix={onFix} />
      </div>
    );
  const r = probe.report;
  // The report repeats the form's own findings (the backend checks the request too): show only what the test adds.
  const findings = r.findings.filter((f) => !shown.some((s) => s.code === f.code && s.text === f.text));
  const rec = r.detected.recommendedEncryption !== probe.current ? r.detected.recommendedEncryption : undefined;
  // The diagnosis recommends an encryption no finding offers to set: offer it here.
  const recFix = rec && !findings.some((f) => f.fix?.encryption === rec);
  const claim = loginClaim(r, probe.password);
  return (
    <div class="probe" data-probe={r.ok ? 'ok' : 'fail'} data-verdict={r.ok ? 'ok' : 'fail'}>
      <p class={`status ${r.ok ? 'ok' : 'error'}`} role="status">
        {r.ok ? t('probeOk') : t('probeFail')}
      </p>
      <ol class="steps" aria-label={t('stepsHeading')}>
        {r.steps.map((s, i) => (
          <StepRow key={i} lang={lang} s={s} />
        ))}
      </ol>
      {r.detected.portMode !== 'unknown' && (
        <p class="detected" data-detected={r.detected.portMode}>
          {t('probe.detected', { port: r.target.port, mode: t(`portMode.${r.detected.portMode}`) })}
          {rec && ` ${t('probe.recommend', { label: encryptionLabel(rec)! })}`}{' '}
          {recFix && (
            <button type="button" class="fix" data-fix="recommended" onClick={(e) => realUse(e) && onFix({ encryption: rec })}>
              {encryptionLabel(rec)}
            </button>
          )}
        </p>
      )}
      <FindingItems lang={lang} findings={findings} onFix={onFix} />
      {claim && (
        <p class="preview" data-login-claim={claim}>
          {t(claim as 'password.form')}
        </p>
      )}
    </div>
  );
}
