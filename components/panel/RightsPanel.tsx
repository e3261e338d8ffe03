import type { Lang } from '@/lib/i18n';
import type { RightState } from '@/dom/crm-form-locator';
import { PanelFrame } from './PanelFrame';
import { panelT } from './panel-texts';
import { realUse } from './guard';

export interface RightsPanelProps {
  lang: Lang;
  state: RightState;
  /** Scrolls to the block and flashes its outline; never clicks it. */
  onPoint: () => unknown;
}

/** On the Rechten page: whether the block "Eigen mailserver" is on, pointing at it [S-A1]. */
export function RightsPanel({ lang, state, onPoint }: RightsPanelProps) {
  const t = panelT(lang);
  return (
    <PanelFrame lang={lang} subtitle="Rechten">
      <div class="pointer" data-right-state={state}>
        <span class="arrow" aria-hidden="true">▲</span>
        <p style="margin:0">
          <span class={`badge state-${state}`}>{t(`rights.badge.${state}`)}</span> {t(`rights.${state}`)}
        </p>
      </div>
      <div class="actions">
        <button type="button" class="secondary" data-action="point" onClick={(e) => realUse(e) && onPoint()}>
          {t('rights.point')}
        </button>
      </div>
    </PanelFrame>
  );
}
