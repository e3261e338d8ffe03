import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { AUTH_METHODS } from '@/lib/settings';
import { presetsForHost } from '@/lib/presets';
import { DEFAULT_CRM_RANGE } from '@/lib/prefs';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { TextField } from '@/components/TextField';
import { AUTH_LABELS } from '@/lib/crm-labels';
import type { StepProps } from '../step-props';

type WhitelistPanelType = ComponentType<{ range: string; domain?: string }>;

/** D. Authenticatie [S-C4..S-C6, S-D1..S-D3]. The whitelist part (ip-cidr) is a lazy chunk. */
export function StepAuth({ state, updateDraft, findings }: StepProps) {
  const t = useT(wizardMessages);
  const { draft } = state;
  const method = draft.authMethod === 'ip-whitelist' ? 'ip-whitelist' : draft.authMethod === 'password' ? 'password' : undefined;
  const mode = draft.mode === 'mailbox' ? 'mailbox' : 'relay';
  const [showPw, setShowPw] = useState(false);
  const [Panel, setPanel] = useState<WhitelistPanelType | null>(null);
  const range = state.prefs.crmRange || DEFAULT_CRM_RANGE;
  const preset = presetsForHost(draft.host ?? '').find((p) => p.verified !== false);
  const hint = preset?.usernameHint ?? 'none';

  useEffect(() => {
    if (method !== 'ip-whitelist' || Panel) return;
    void import('./WhitelistPanel').then((m) => setPanel(() => m.WhitelistPanel));
  }, [method]);

  const byField = (f: string) => findings.filter((x) => x.field === f);
  return (
    <div>
      <p>{t(`D.lead.${mode}`)}</p>
      <fieldset class="field radios">
        <legend>{t('D.legend')}</legend>
        {AUTH_METHODS.map((m) => (
          <div class="radio" key={m}>
            <input type="radio" id={`auth-${m}`} name="auth" value={m} checked={method === m} onChange={() => updateDraft({ authMethod: m })} />
            <label for={`auth-${m}`} class="radio-label">
              {AUTH_LABELS[m]}
            </label>
          </div>
        ))}
        <FindingList findings={byField('auth').concat(byField('mode').filter((f) => f.code === 'whitelist-needs-relay'))} onFix={updateDraft} />
      </fieldset>

      {method === 'password' && (
        <div class="crm-form">
          <TextField
            id="username"
            label={t('D.username')}
            help={t(`D.usernameHelp.${hint}`)}
            value={draft.username ?? ''}
            findings={draft.username !== undefined ? byField('username') : []}
            onInput={(username) => updateDraft({ username })}
            onFix={updateDraft}
          />
          <div class="field">
            <label for="password">{t('D.password')}</label>
            <div class="with-button">
              <input
                id="password"
                type={(showPw ? 'text' : 'password') as 'password'}
                autocomplete="new-password"
                spellcheck={false}
                value={draft.password ?? ''}
                aria-describedby="password-help password-findings"
                onInput={(e) => updateDraft({ password: e.currentTarget.value })}
              />
              <button type="button" class="secondary" aria-pressed={showPw} aria-controls="password" onClick={() => setShowPw(!showPw)}>
                {showPw ? t('D.hide') : t('D.show')}
              </button>
            </div>
            <p id="password-help" class="help">
              {t('D.passwordHelp')}
            </p>
            <FindingList id="password-findings" findings={byField('password')} onFix={updateDraft} />
          </div>
        </div>
      )}

      {method === 'ip-whitelist' && (
        <section class="whitelist" aria-labelledby="wl-head">
          <h3 id="wl-head">{AUTH_LABELS['ip-whitelist']}</h3>
          <p>{t('D.whitelistLead')}</p>
          {Panel ? <Panel range={range} domain={state.wizard.validation?.domain} /> : <p class="help">{t('D.whitelistLoading')}</p>}
          <FindingList findings={byField('crmRange')} />
        </section>
      )}
    </div>
  );
}

