import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { checkSettings } from '@/lib/rules';
import { countBySeverity, sortFindings, type Finding } from '@/lib/findings';
import { findingText } from '@/lib/i18n';
import { commonMessages } from '@/lib/i18n/common';
import { popupMessages } from '@/lib/i18n/popup';
import { useLang, useT } from '@/components/lang';
import { unverifiedPresetFor } from '@/components/PresetPicker';
import { loadDraft, saveWizard } from '@/services/settings-store';
import type { SettingsDraft } from '@/lib/settings';

/** The wizard step where a finding's field is filled in. */
function stepForField(field: string | undefined): 'B' | 'C' | 'D' {
  if (field === 'mode') return 'B';
  if (field === 'auth' || field === 'username' || field === 'password' || field === 'crmRange') return 'D';
  return 'C';
}

/**
 * The saved configuration's status: the errors and warnings named, each a link to the wizard step that fixes
 * it. A separate chunk (rules, zod, the findings texts), so the popup starts small.
 */
export default function PopupStatus({ hasSettings, version }: { hasSettings: boolean; version: number }) {
  const t = useT(popupMessages);
  const tc = useT(commonMessages);
  const lang = useLang();
  const [draft, setDraft] = useState<SettingsDraft>();
  useEffect(() => void loadDraft().then(setDraft), [version]);
  if (!draft) return <p class="muted" aria-busy="true" data-testid="config-status" />;
  const shown = sortFindings(checkSettings(draft).filter((f) => f.severity !== 'info'));
  const counts = countBySeverity(shown);
  const unverified = hasSettings ? unverifiedPresetFor(draft) : undefined;
  const open = async (f: Finding) => {
    await saveWizard({ step: stepForField(f.field) });
    await browser.runtime.openOptionsPage();
    window.close();
  };
  return (
    <>
      <p data-testid="config-status" class={!hasSettings ? 'muted' : counts.error ? 'bad' : counts.warning ? 'warn' : 'good'}>
        {!hasSettings ? tc('status.none') : counts.error + counts.warning === 0 ? tc('status.ok') : tc('status.counts', { errors: counts.error, warnings: counts.warning })}
      </p>
      {hasSettings && shown.length > 0 && (
        <ul class="popup-findings" data-testid="config-findings">
          {shown.map((f, i) => (
            <li key={`${f.code}-${i}`} class={`finding finding-${f.severity}`} data-finding={f.code}>
              <span class="finding-severity">{tc(`severity.${f.severity}`)}</span> {findingText(f, lang)}{' '}
              <button type="button" class="link" onClick={() => void open(f)}>
                {t('fixInStep', { step: stepForField(f.field) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {unverified && (
        <p class="note" data-testid="unverified-preset">
          {tc('presets.unverifiedNote', { name: unverified.name })}
        </p>
      )}
    </>
  );
}
