import type { useT } from '@/components/lang';
import type { reportMessages } from '@/lib/i18n/report';
import type { ReportProblem } from '@/lib/report/parse-report';

type ReportT = ReturnType<typeof useT<typeof reportMessages>>;

/** Why a pasted report cannot be opened, in the rep's language. */
export function problemText(p: ReportProblem, t: ReportT): string {
  switch (p.kind) {
    case 'truncated':
      return t(`problem.truncated.${p.missing}`, { chars: p.chars ?? 0 });
    case 'damaged':
      return t(`problem.damaged.${p.reason}`);
    case 'version':
      return t('problem.version', { version: p.version });
    case 'invalid':
      return t('problem.invalid', { field: p.field });
    case 'not-allowed':
      return t('problem.not-allowed', { fields: p.fields.map((f) => `"${f}"`).join(', ') });
    default:
      return t(`problem.${p.kind}`);
  }
}

