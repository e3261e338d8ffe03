/** How bad a finding is, and the order lists show them in (worst first). Tiny on purpose: the panel imports it without the finding catalogue. */
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Each severity's one label, for every catalogue that shows one (wizard, popup, panel, report). */
export const SEVERITY_WORDS = {
  nl: { 'severity.error': 'Fout', 'severity.warning': 'Waarschuwing', 'severity.info': 'Tip' },
  en: { 'severity.error': 'Error', 'severity.warning': 'Warning', 'severity.info': 'Tip' },
} as const;
