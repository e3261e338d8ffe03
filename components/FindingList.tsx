import type { Finding } from '@/lib/findings';
import type { SettingsDraft } from '@/lib/settings';
import { findingText } from '@/lib/i18n';
import { commonMessages } from '@/lib/i18n/common';
import { describeFix } from '@/lib/describe-fix';
import { useLang, useT } from './lang';

export interface FindingListProps {
  findings: readonly Finding[];
  /** Applies a finding's one-click fix; without it no fix buttons are shown. */
  onFix?: (fix: Partial<SettingsDraft>) => void;
  id?: string;
}

/** Findings under the field they concern. The region is always there so screen readers hear changes. */
export function FindingList({ findings, onFix, id }: FindingListProps) {
  const lang = useLang();
  const t = useT(commonMessages);
  return (
    <div class="findings" id={id} aria-live="polite">
      {findings.length > 0 && (
        <ul>
          {findings.map((f, i) => (
            <li key={`${f.code}-${i}`} class={`finding finding-${f.severity}`} data-finding={f.code}>
              <span class="finding-severity">{t(`severity.${f.severity}`)}</span>
              <span class="finding-text">{findingText(f, lang)}</span>
              {f.fix && onFix && (
                <button type="button" class="fix" onClick={() => onFix(f.fix!)}>
                  {t('fixApply', { what: describeFix(f.fix, lang) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
