import { useState } from 'preact/hooks';
import type { Finding } from '@/lib/findings';
import { draftToSettings } from '@/lib/settings';
import { DEFAULT_BACKEND_URL } from '@/lib/prefs';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import type { ProbeReport } from '@/lib/api';
import { useBackendClient } from '../backend';
import { checkValidationFields } from '../validation-fields';
import type { StepProps } from '../step-props';

const PROBE_STEPS = ['resolve', 'connect', 'greeting', 'ehlo', 'tls', 'auth'] as const;
type Run = { phase: 'idle' } | { phase: 'running' } | { phase: 'down' } | { phase: 'error'; message: string } | { phase: 'done'; report: ProbeReport };

/** E. Validatie [S-E1..S-E6]: the CRM's dialog explained, its fields checked, and a live test via the backend. */
export function StepValidation({ state, updateWizard, updateDraft }: StepProps) {
  const t = useT(wizardMessages);
  const v = state.wizard.validation ?? {};
  const setV = (patch: Partial<typeof v>) => updateWizard({ validation: { ...v, ...patch } });
  const vf = checkValidationFields(v);
  const byField = (f: string) => vf.filter((x: Finding) => x.field === f);
  const backendUrl = state.prefs.backendUrl ?? DEFAULT_BACKEND_URL;
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const complete = draftToSettings(state.draft);

  const client = useBackendClient(backendUrl);

  const test = async () => {
    if (!complete.ok) return;
    setRun({ phase: 'running' });
    const s = complete.settings;
    const r = await client.probe({ host: s.host, port: s.port, encryption: s.encryption, auth: s.auth, mode: s.mode });
    if (r.ok) setRun({ phase: 'done', report: r.data });
    else if (r.kind === 'unreachable') setRun({ phase: 'down' });
    else setRun({ phase: 'error', message: r.message });
  };

  const field = (name: 'domain' | 'from' | 'to', type: 'text') => (
    <div class="field">
      <label for={`val-${name}`}>{t(`E.${name}`)}</label>
      <input
        id={`val-${name}`}
        type={type}
        inputMode={name === 'domain' ? 'url' : 'email'}
        autocomplete="off"
        spellcheck={false}
        value={v[name] ?? ''}
        aria-describedby={`val-${name}-findings`}
        onInput={(e) => setV({ [name]: e.currentTarget.value })}
      />
      <FindingList id={`val-${name}-findings`} findings={byField(name)} />
    </div>
  );

  const steps = run.phase === 'done' ? run.report.steps : [];
  return (
    <div>
      <p>{t('E.lead')}</p>
      <ul class="explain">
        <li>{t('E.domainExplain')}</li>
        <li>{t('E.fromExplain')}</li>
        <li>{t('E.codeExplain')}</li>
      </ul>
      {state.draft.mode === 'mailbox' && <p class="note">{t('E.mailboxNote')}</p>}
      <fieldset class="crm-form">
        <legend>{t('E.formLegend')}</legend>
        {field('domain', 'text')}
        {field('from', 'text')}
        {field('to', 'text')}
      </fieldset>

      <section class="test" aria-labelledby="e-test">
        <h3 id="e-test">{t('E.testHeading')}</h3>
        <p>{t('E.testLead')}</p>
        <button type="button" class="primary" onClick={test} disabled={run.phase === 'running' || !complete.ok} aria-describedby="e-test-status">
          {run.phase === 'running' ? t('E.testing') : t('E.test')}
        </button>
        <div id="e-test-status" aria-live="polite">
          {!complete.ok && <p class="help">{t('E.incomplete', { fields: complete.fields.join(', ') })}</p>}
          {run.phase === 'down' && (
            <p class="finding finding-error" data-testid="backend-down">
              {t('E.backendDown', { url: backendUrl })}
            </p>
          )}
          {run.phase === 'error' && <p class="finding finding-error">{t('E.error', { message: run.message })}</p>}
          {(run.phase === 'running' || run.phase === 'done') && (
            <ol class="progress">
              {PROBE_STEPS.map((s) => {
                const got = steps.find((x) => x.step === s);
                const status = got?.status ?? (run.phase === 'running' ? 'pending' : 'skipped');
                return (
                  <li key={s} class={`progress-${status}`}>
                    <span>{t(`E.step.${s}`)}</span>
                    <span class="progress-status">{t(`E.status.${status}`)}</span>
                    {got?.message && <span class="help">{got.message}</span>}
                  </li>
                );
              })}
            </ol>
          )}
          {run.phase === 'done' && (
            <>
              <p class={`verdict ${run.report.ok ? 'verdict-ok' : 'verdict-fail'}`} data-testid="verdict">
                {run.report.ok ? t('E.verdict.ok') : t('E.verdict.fail')}
              </p>
              <FindingList findings={run.report.findings} onFix={updateDraft} />
            </>
          )}
        </div>
      </section>
    </div>
  );
}
