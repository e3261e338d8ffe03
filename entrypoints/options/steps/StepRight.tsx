import { useState } from 'preact/hooks';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useT } from '@/components/lang';
import { pointAtRightSwitch } from '@/services/crm-tab';
import type { StepProps } from '../step-props';

type PointResult = Awaited<ReturnType<typeof pointAtRightSwitch>>;

/** What the admin reads after "Wijs de schakelaar aan": pointed (and its state), or why not. */
function pointText(r: PointResult, t: ReturnType<typeof useT<typeof wizardMessages>>): string {
  if (r.ok) return r.right === 'on' ? t('A.pointOkOn') : r.right === 'off' ? t('A.pointOkOff') : t('A.pointOk');
  return t(`A.point.${r.reason ?? 'unreachable'}`);
}

/** A. Recht aanzetten [S-A1, S-A2]. */
export function StepRight({ state, updateWizard }: StepProps) {
  const t = useT(wizardMessages);
  const [result, setResult] = useState<PointResult>();
  const point = async () => setResult(await pointAtRightSwitch().catch((): PointResult => ({ ok: false, reason: 'unreachable' })));
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
        <button type="button" class="secondary" onClick={point} aria-describedby="a-point-help">
          {t('A.point')}
        </button>
        <span id="a-point-help" class="help">
          {t('A.pointHelp')}
        </span>
      </div>
      <p class={result ? (result.ok ? 'finding finding-info' : 'finding finding-warning') : 'status'} role="status" data-testid="point-status" data-point={result ? (result.ok ? 'pointed' : result.reason) : undefined}>
        {result && pointText(result, t)}
      </p>
      <label class="check">
        <input type="checkbox" checked={state.wizard.rightDone ?? false} onChange={(e) => updateWizard({ rightDone: e.currentTarget.checked })} />
        {t('A.done')}
      </label>
    </section>
  );
}
