import { useState } from 'preact/hooks';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useT } from '@/components/lang';
import type { StepProps } from '../step-props';

// components/crm-tab.ts is owned by the content-script work; load it only if it is in this build.
const crmTab = import.meta.glob<{ pointAtRightSwitch: () => Promise<unknown> }>('../../../components/crm-tab.ts');
const loadCrmTab = Object.values(crmTab)[0];

/** A. Recht aanzetten [S-A1, S-A2]. */
export function StepRight({ state, updateWizard }: StepProps) {
  const t = useT(wizardMessages);
  const [pointStatus, setPointStatus] = useState<string>('');
  const point = async () => {
    if (!loadCrmTab) return;
    try {
      const { pointAtRightSwitch } = await loadCrmTab();
      const r = (await pointAtRightSwitch()) as { ok?: boolean; reason?: string } | undefined;
      setPointStatus(r && r.ok === false ? t('A.pointFailed', { reason: r.reason ?? '?' }) : t('A.pointOk'));
    } catch (e) {
      setPointStatus(t('A.pointFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <section aria-labelledby="a-path">
      <p>{t('A.lead')}</p>
      <p id="a-path">
        <strong>{t('A.path')}</strong>
      </p>
      <ol class="crm-path">
        <li>{t('A.step1')}</li>
        <li>{t('A.step2')}</li>
        <li>{t('A.step3')}</li>
        <li>{t('A.step4')}</li>
      </ol>
      <div class="row">
        <button type="button" class="secondary" onClick={point} disabled={!loadCrmTab} aria-describedby={loadCrmTab ? undefined : 'a-point-na'}>
          {t('A.point')}
        </button>
        {!loadCrmTab && (
          <span id="a-point-na" class="help">
            {t('A.pointUnavailable')}
          </span>
        )}
      </div>
      <p class="status" role="status">
        {pointStatus}
      </p>
      <label class="check">
        <input type="checkbox" checked={state.wizard.rightDone ?? false} onChange={(e) => updateWizard({ rightDone: e.currentTarget.checked })} />
        {t('A.done')}
      </label>
    </section>
  );
}
