import type { ApiFinding } from '@/lib/api';
import type { FormValues } from '@/lib/drafts';
import type { Finding } from '@/lib/findings';
import { SEVERITY_ORDER } from '@/lib/severity';
import { findingText } from '@/lib/i18n';
import type { Lang } from '@/lib/i18n/define';
import { format } from '@/lib/i18n/format';
import { panelMessages, type PanelKey } from '@/lib/i18n/panel';
import { buildReport, type ReportT } from '@/lib/report/text-report';
import { checkSettings } from '@/lib/rules';
import type { ShownFinding } from '@/lib/shown';
import type { PasswordState } from '@/lib/password';

// Findings and the support report with their texts: built here, in the background, for the panel and the
// popup alike (one check path); the content script only shows them.


/** Findings with texts on the form's values, worst first. */
export function checkFormValues(values: FormValues, password: PasswordState, lang: Lang): ShownFinding[] {
  return showFindings(checkSettings({ ...values, passwordState: password }), lang);
}

/** The panel's text lookup in a language (the background holds both catalogues). */
export const panelText =
  (lang: Lang): ReportT =>
  (key: PanelKey, params?: Record<string, string | number>) =>
    format((panelMessages[lang] as Record<string, string>)[key] ?? key, params);

/** The support report on the form's values (never the password: only whether Wachtwoord is filled). */
export function reportFor(input: { url: string; values: FormValues; passwordFilled: boolean; findings: readonly ShownFinding[]; probe?: string }, lang: Lang, time = new Date()): string {
  return buildReport({ ...input, time }, panelText(lang));
}


const FIX_KEYS = ['host', 'port', 'encryption', 'authMethod', 'username', 'mode'] as const;
/** A fix, with only the keys a form fill understands (a fix never carries a password). */
function fixOf(fix: object | undefined): FormValues | undefined {
  if (!fix) return undefined;
  const out: Record<string, string | number> = {};
  for (const k of FIX_KEYS) {
    const v = (fix as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Findings with their texts (and fixes), worst first. */
export function showFindings(findings: readonly (ApiFinding | Finding)[], lang: Lang): ShownFinding[] {
  return [...findings]
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
    .map((f) => {
      const fix = fixOf(f.fix);
      return { code: f.code, severity: f.severity, text: findingText(f as Finding, lang), ...(fix ? { fix } : {}) };
    });
}
