import type { Finding } from '@/lib/findings';
import { findingText } from '@/lib/i18n';
import { commonMessages } from '@/lib/i18n/common';
import { sortFindings } from '@/lib/findings';
import { useLang, useT } from '../lang';

/** A check's findings, each with `data-finding` (and an id to scroll to, when `anchors` is set). */
export function WatchFindings({ findings, anchors }: { findings: readonly Finding[]; anchors?: boolean }) {
  const lang = useLang();
  const t = useT(commonMessages);
  if (!findings.length) return null;
  return (
    <ul class="findings watch-findings">
      {sortFindings([...findings]).map((f, i) => (
        <li key={`${f.code}-${i}`} id={anchors ? `watch-${f.code}` : undefined} class={`finding finding-${f.severity}`} data-finding={f.code} data-severity={f.severity}>
          <span class="finding-severity">{t(`severity.${f.severity}`)}</span> <span class="finding-text">{findingText(f, lang)}</span>
        </li>
      ))}
    </ul>
  );
}
