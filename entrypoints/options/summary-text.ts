import type { Lang } from '@/lib/i18n';
import { translator } from '@/lib/i18n';
import { wizardMessages } from '@/lib/i18n/wizard';
import { commonMessages } from '@/lib/i18n/common';
import { parsePort } from '@/lib/port';
import type { SettingsDraft } from '@/lib/settings';
import type { WizardState } from '@/lib/prefs';
import { AUTH_LABELS, ENCRYPTION_LABELS, FIELD_LABELS } from '@/lib/crm-labels';

export interface SummaryRow {
  /** The CRM's own field label. */
  label: string;
  value: string;
  empty: boolean;
}

/** The rows of the CRM form, in the CRM's order and with its labels; the password is never a value. */
export function summaryRows(draft: SettingsDraft, lang: Lang, crmRange: string): SummaryRow[] {
  const t = translator(wizardMessages, lang);
  const tc = translator(commonMessages, lang);
  const empty = t('S.value.empty');
  const row = (label: string, value: string | undefined): SummaryRow => ({ label, value: value || empty, empty: !value });
  const enc = draft.encryption && draft.encryption in ENCRYPTION_LABELS ? ENCRYPTION_LABELS[draft.encryption as keyof typeof ENCRYPTION_LABELS] : undefined;
  const auth = draft.authMethod === 'password' || draft.authMethod === 'ip-whitelist' ? draft.authMethod : undefined;
  const port = parsePort(draft.port);
  const rows = [
    row(t('S.mode'), tc(draft.mode === 'mailbox' ? 'mode.mailbox' : 'mode.relay')),
    row(FIELD_LABELS.host, draft.host?.trim()),
    row(FIELD_LABELS.port, port !== undefined ? String(port) : undefined),
    row(FIELD_LABELS.encryption, enc),
    row(FIELD_LABELS.authMethod, auth && AUTH_LABELS[auth]),
  ];
  if (auth === 'password') {
    rows.push(row(FIELD_LABELS.username, draft.username?.trim()));
    rows.push({ label: FIELD_LABELS.password, value: t('S.passwordNote'), empty: false });
  } else if (auth === 'ip-whitelist') {
    rows.push({ label: AUTH_LABELS['ip-whitelist'], value: t('S.rangeNote', { range: crmRange }), empty: false });
  }
  return rows;
}

/** Plain text for a support ticket. Built from summaryRows, so it cannot contain the password. */
export function summaryText(draft: SettingsDraft, wizard: WizardState, lang: Lang, crmRange: string, status: readonly string[] = []): string {
  const t = translator(wizardMessages, lang);
  const lines = [t('S.textTitle'), '', ...summaryRows(draft, lang, crmRange).map((r) => `${r.label}: ${r.value}`)];
  const v = wizard.validation;
  if (v?.domain || v?.from || v?.to) {
    lines.push('', t('S.validation', { domain: v.domain || '-', from: v.from || '-', to: v.to || '-' }));
  }
  // Where things stand: the last test's and validation mail's results (built from stored outcomes, never a password).
  if (status.length) lines.push('', t('S.textStatus'), ...status.map((l) => `- ${l}`));
  return lines.join('\n');
}
