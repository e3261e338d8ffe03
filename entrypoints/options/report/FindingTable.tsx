import { findingText } from '@/lib/i18n';
import { reportMessages } from '@/lib/i18n/report';
import { commonMessages } from '@/lib/i18n/common';
import type { Finding } from '@/lib/findings';
import type { FindingRow } from '@/lib/report/compare';
import { useLang, useT } from '@/components/lang';

/** The customer's findings next to today's, with what changed. */
export function FindingTable({ rows }: { rows: readonly FindingRow[] }) {
  const t = useT(reportMessages);
  const tc = useT(commonMessages);
  const lang = useLang();
  const cell = (sev: string | undefined, text: string | undefined) =>
    sev ? (
      <>
        <span class={`sev sev-${sev}`}>{tc(`severity.${sev as 'error'}`)}</span> {text}
      </>
    ) : (
      <span class="muted">{t('absent')}</span>
    );
  return (
    <table class="finding-table" data-testid="finding-table">
      <thead>
        <tr>
          <th scope="col">{t('col.customer')}</th>
          <th scope="col">{t('col.today')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} data-finding={r.code} data-diff={r.diff} class={`diff-${r.diff}`}>
            <td>{cell(r.customer?.severity, r.customer ? (r.customer.text ?? findingText({ code: r.customer.code as Finding['code'] }, lang)) : undefined)}</td>
            <td>
              {cell(r.today?.severity, r.today ? findingText(r.today, lang) : undefined)}
              {r.diff !== 'same' && <span class="diff-mark">{t(`diff.${r.diff}`)}</span>}
              <code class="code">{r.code}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
