import { useState } from 'preact/hooks';
import { ENCRYPTIONS } from '@/lib/settings';
import type { Finding } from '@/lib/findings';
import { wizardMessages } from '@/lib/i18n/wizard';
import { commonMessages } from '@/lib/i18n/common';
import { useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { TextField } from '@/components/TextField';
import { PresetPicker, activePresetFor, presetAppliedText, presetPatch, unverifiedPresetFor } from '@/components/PresetPicker';
import { ENCRYPTION_LABELS } from '@/lib/crm-labels';
import { DEFAULT_BACKEND_URL } from '@/lib/prefs';
import { portNumber } from '@/lib/port';
import { useBackendClient } from '../backend';
import type { StepProps } from '../step-props';
import { DiscoverSettings } from './DiscoverSettings';

const FORM_FIELDS = new Set(['host', 'port', 'encryption']);
/** Findings about the account or mode that the admin must know while choosing a server (provider advice). */
const PROVIDER_CODES = new Set(['office365-smtp-auth', 'office365-basic-auth-retirement', 'office365-direct-send', 'whitelist-login-only', 'azure-smtp', 'gmail-app-password', 'gmail-from-rewrite', 'gmail-relay-domain', 'zoho-pro', 'app-password', 'oauth-only']);

/** Which findings step C shows under which field; empty fields stay quiet until touched. */
function findingsFor(findings: readonly Finding[], field: string, show: boolean): Finding[] {
  return show ? findings.filter((f) => f.field === field) : [];
}

/** C. Server [S-C1..S-C3]: the CRM's form with presets, live findings and one-click fixes. */
export function StepServer({ state, updateDraft, findings }: StepProps) {
  const t = useT(wizardMessages);
  const tc = useT(commonMessages);
  const { draft } = state;
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [applied, setApplied] = useState('');
  const touch = (f: string) => setTouched((s) => ({ ...s, [f]: true }));
  const shown = (f: 'host' | 'port' | 'encryption') => touched[f] || String(draft[f] ?? '') !== '';
  const backendUrl = state.prefs.backendUrl ?? DEFAULT_BACKEND_URL;
  const client = useBackendClient(backendUrl);
  const unverified = unverifiedPresetFor(draft);
  const active = activePresetFor(draft);
  const more = findings.filter((f) => !FORM_FIELDS.has(f.field ?? '') && PROVIDER_CODES.has(f.code) && f.field !== 'mode');
  // The chosen provider's own advice (Gmail: an app password) shows whenever it is chosen, not only once a password was typed.
  const notes: Finding[] = (active?.notes ?? [])
    .filter((code) => !more.some((f) => f.code === code))
    .map((code) => ({ code, severity: 'info', field: 'auth' }) as Finding);

  return (
    <div>
      <p>{t('C.lead')}</p>
      <DiscoverSettings
        client={client}
        backendUrl={backendUrl}
        draft={draft}
        initialEmail={state.wizard.validation?.from ?? ''}
        onApply={(patch, name) => {
          updateDraft(patch);
          setTouched({ host: true, port: true, encryption: true });
          setApplied(t('C.discover.applied', { name }));
        }}
      />
      <PresetPicker
        activeId={active?.id}
        onPick={(p) => {
          const patch = presetPatch(p, draft, { domain: state.wizard.validation?.domain });
          updateDraft(patch);
          setTouched({ host: true, port: true, encryption: true });
          setApplied(presetAppliedText(p, patch, draft, tc));
        }}
      />
      <p class="status" role="status" data-testid="preset-applied">
        {applied}
      </p>
      {active && (
        <p class="note" data-testid="active-preset" data-preset={active.id}>
          {tc('presets.active', { name: active.name })}
        </p>
      )}
      {unverified && (
        <p class="note" data-testid="unverified-preset">
          {t('C.unverified', { name: unverified.name })}
        </p>
      )}
      <fieldset class="crm-form">
        <legend>{t('C.formLegend')}</legend>
        <TextField
          id="host"
          label={t('C.host')}
          help={t('C.hostHelp')}
          value={draft.host ?? ''}
          findings={findingsFor(findings, 'host', shown('host'))}
          onInput={(host) => updateDraft({ host })}
          onBlur={() => touch('host')}
          onFix={updateDraft}
        />
        <TextField
          id="port"
          class="narrow"
          inputMode="numeric"
          label={t('C.port')}
          help={t('C.portHelp')}
          value={String(draft.port ?? '')}
          findings={findingsFor(findings, 'port', shown('port'))}
          onInput={(v) => updateDraft({ port: portNumber(v) ?? v })}
          onBlur={() => touch('port')}
          onFix={updateDraft}
        />
        <fieldset class="field radios" aria-describedby="encryption-findings">
          <legend>{t('C.encryption')}</legend>
          {ENCRYPTIONS.map((e) => (
            <div key={e} class="radio">
              <input
                type="radio"
                id={`enc-${e}`}
                name="encryption"
                value={e}
                checked={draft.encryption === e}
                aria-describedby={`enc-${e}-help`}
                onChange={() => updateDraft({ encryption: e })}
              />
              <label for={`enc-${e}`} class="radio-label">
                {ENCRYPTION_LABELS[e]}
              </label>
              <span id={`enc-${e}-help`} class="help">
                {t(`C.encHelp.${e}`)}
              </span>
            </div>
          ))}
          <FindingList id="encryption-findings" findings={findingsFor(findings, 'encryption', shown('encryption'))} onFix={updateDraft} />
        </fieldset>
      </fieldset>
      {more.length + notes.length > 0 && (
        <section class="more" aria-labelledby="c-more">
          <h3 id="c-more">{t('C.more')}</h3>
          <FindingList findings={[...more, ...notes]} onFix={updateDraft} />
        </section>
      )}
    </div>
  );
}
