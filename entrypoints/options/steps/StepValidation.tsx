import { useState } from 'preact/hooks';
import type { Finding } from '@/lib/findings';
import { checkMailDomain, composeAddress } from '@/lib/validation-input';
import { draftToSettings, type SettingsDraft } from '@/lib/settings';
import { DEFAULT_BACKEND_URL } from '@/lib/prefs';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { useBackendClient } from '../backend';
import { checkValidationFields } from '../validation-fields';
import type { StepProps } from '../step-props';
import { ProbeTest } from './ProbeTest';
import { CodeValidation } from './CodeValidation';

/** E. Validatie [S-E1..S-E6]: the CRM's dialog explained and checked, "Test nu", and a validation code round trip via the backend. */
export function StepValidation({ state, updateWizard, updateDraft, recordOutcome }: StepProps) {
  const t = useT(wizardMessages);
  const v = state.wizard.validation ?? {};
  const setV = (patch: Partial<typeof v>) => updateWizard({ validation: { ...v, ...patch } });
  const vf = checkValidationFields(v);
  // Calm first view: a field shows its findings once it was left (blur) or a send was asked for.
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const byField = (f: string) => (touched[f] ? vf.filter((x: Finding) => x.field === f) : []);
  const domain = checkMailDomain(v.domain);
  const backendUrl = state.prefs.backendUrl ?? DEFAULT_BACKEND_URL;
  const client = useBackendClient(backendUrl);
  const complete = draftToSettings(state.draft);
  const fieldsOk = !!(v.domain && v.from && v.to) && !vf.some((f) => f.severity === 'error');
  const ready =
    complete.ok && fieldsOk
      ? { settings: complete.settings, domain: v.domain!.trim(), from: String(composeAddress(v.from, v.domain)).trim(), to: String(composeAddress(v.to, v.domain)).trim() }
      : undefined;

  const applyFix = (fix: Partial<SettingsDraft>) => {
    updateDraft(fix);
    const next = draftToSettings({ ...state.draft, ...fix });
    return next.ok ? next.settings : undefined;
  };

  const field = (name: 'domain' | 'from' | 'to') => {
    const errors = byField(name).some((f) => f.severity === 'error');
    return (
      <div class="field">
        <label for={`val-${name}`}>{t(`E.${name}`)}</label>
        <span class={name === 'domain' ? '' : 'with-suffix'}>
          <input
            id={`val-${name}`}
            type="text"
            inputMode={name === 'domain' ? 'url' : 'email'}
            autocomplete="off"
            spellcheck={false}
            value={v[name] ?? ''}
            aria-invalid={errors ? true : undefined}
            aria-describedby={`val-${name}-help val-${name}-findings`}
            onInput={(e) => setV({ [name]: e.currentTarget.value })}
            onBlur={() => setTouched((x) => ({ ...x, [name]: true }))}
          />
          {name !== 'domain' && !(v[name] ?? '').includes('@') && (
            <span class="suffix" data-testid={`val-${name}-suffix`}>
              @{domain ?? t('E.domainPlaceholder')}
            </span>
          )}
        </span>
        <p id={`val-${name}-help`} class="help">
          {t(`E.${name}Help`)}
        </p>
        <FindingList id={`val-${name}-findings`} findings={byField(name)} />
      </div>
    );
  };

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
        {field('domain')}
        {field('from')}
        {field('to')}
      </fieldset>
      <ProbeTest client={client} complete={complete} draft={state.draft} applyFix={applyFix} backendUrl={backendUrl} onOutcome={(test) => recordOutcome({ test })} />
      <CodeValidation
        client={client}
        ready={ready}
        mailbox={state.draft.mode === 'mailbox'}
        backendUrl={backendUrl}
        onAsk={() => setTouched({ domain: true, from: true, to: true })}
        onOutcome={(mail) => recordOutcome({ mail })}
      />
    </div>
  );
}
