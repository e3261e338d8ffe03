import { wizardMessages } from '@/lib/i18n/wizard';
import { useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import type { StepProps } from '../step-props';

/** B. Werkwijze [S-B1..S-B3]: relay or mailbox, with the help text's pros, cons and advice. */
export function StepMode({ state, updateDraft, findings }: StepProps) {
  const t = useT(wizardMessages);
  const mode = state.draft.mode ?? 'relay';
  return (
    <fieldset class="choice-cards">
      <legend>{t('B.legend')}</legend>
      {(['relay', 'mailbox'] as const).map((m) => (
        <label key={m} class={`card${mode === m ? ' selected' : ''}`}>
          <span class="card-head">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => updateDraft({ mode: m })} aria-describedby={`mode-${m}-desc`} />
            <strong>{t(`B.${m}.title`)}</strong>
          </span>
          <span id={`mode-${m}-desc`} class="card-body">
            <span class="block">{t(`B.${m}.what`)}</span>
            <span class="block pro">{t(`B.${m}.pro`)}</span>
            <span class="block con">{t(`B.${m}.con`)}</span>
            {m === 'mailbox' && <span class="block advice">{t('B.mailbox.advice')}</span>}
            {m === 'mailbox' && <span class="block advice">{t('B.mailbox.recheck')}</span>}
          </span>
        </label>
      ))}
      <FindingList findings={findings.filter((f) => f.field === 'mode')} onFix={updateDraft} />
    </fieldset>
  );
}
