import type { Finding } from '@/lib/findings';
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
export function StepValidation({ state, updateWizard, updateDraft }: StepProps) {
  const t = useT(wizardMessages);
  const v = state.wizard.validation ?? {};
  const setV = (patch: Partial<typeof v>) => updateWizard({ validation: { ...v, ...patch } });
  const vf = checkValidationFields(v);
  const byField = (f: string) => vf.filter((x: Finding) => x.field === f);
  const backendUrl = state.prefs.backendUrl ?? DEFAULT_BACKEND_URL;
  const client = useBackendClient(backendUrl);
  const complete = draftToSettings(state.draft);
  const fieldsOk = !!(v.domain && v.from && v.to) && !vf.some((f) => f.severity === 'error');
  const ready = complete.ok && fieldsOk ? { settings: complete.settings, domain: v.domain!.trim(), from: v.from!.trim(), to: v.to!.trim() } : undefined;

  const applyFix = (fix: Partial<SettingsDraft>) => {
    updateDraft(fix);
    const next = draftToSettings({ ...state.draft, ...fix });
    return next.ok ? next.settings : undefined;
  };

  const field = (name: 'domain' | 'from' | 'to') => (
    <div class="field">
      <label for={`val-${name}`}>{t(`E.${name}`)}</label>
      <input
        id={`val-${name}`}
        type="text"
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
      <ProbeTest client={client} complete={complete} draft={state.draft} applyFix={applyFix} backendUrl={backendUrl} />
      <CodeValidation client={client} ready={ready} mailbox={state.draft.mode === 'mailbox'} backendUrl={backendUrl} />
    </div>
  );
}
