import type { FormValues } from '@/lib/drafts';
import type { ShownFinding } from '@/lib/shown';
import { SEVERITY_ORDER } from '@/lib/severity';
import type { Lang } from '@/lib/i18n';
import { describeFix } from '@/lib/describe-fix';
import { panelT } from './panel-texts';
import { realUse } from './guard';

export interface FindingItemsProps {
  lang: Lang;
  /** Each with its text (rendered by the background, which holds the catalogues). */
  findings: readonly ShownFinding[];
  /** Shown when there are none (omit to show nothing). */
  emptyText?: string;
  /** Applies a finding's fix to the form; called only for a trusted click. Without it no fix buttons. */
  onFix?: (fix: FormValues) => unknown;
}

/** Findings, worst first, each with data-finding="<code>" (tests, support reps and reports use the code), and a fix button where one applies. */
export function FindingItems({ lang, findings, emptyText, onFix }: FindingItemsProps) {
  const t = panelT(lang);
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return (
    <div aria-live="polite">
      {sorted.length === 0 ? (
        emptyText && <p class="ok">{emptyText}</p>
      ) : (
        <ul class="findings">
          {sorted.map((f, i) => {
            const fix = onFix && f.fix && describeFix(f.fix, lang);
            return (
              <li key={`${f.code}-${i}`} class={`finding finding-${f.severity}`} data-finding={f.code}>
                <span class="sev">{t(`severity.${f.severity}`)}</span>
                <span>{f.text}</span>
                {fix && (
                  <button type="button" class="fix" data-fix={f.code} title={t('fixTitle')} onClick={(e) => realUse(e) && onFix(f.fix!)}>
                    {fix}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
