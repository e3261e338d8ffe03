import type { Params } from './i18n/format';
import type { FormValues } from './drafts';
import { PROBE_FINDING_CODES } from './probe-findings';
import { SEVERITY_ORDER, type Severity } from './severity';
import { WATCH_FINDING_CODES } from './watch-findings';

/**
 * Codes of findings on the settings themselves (lib/rules.ts). Stable API: tests, reports and the backend use them.
 * Retired (November 2026, issue 8): ssl-legacy ("Gebruik SSL" on 465 is what RFC 8314 recommends, not legacy) and
 * office365-relay-connector (the CRM's shared range can use no Microsoft 365 connector; see office365-direct-send
 * and whitelist-login-only).
 */
export const SETTINGS_FINDING_CODES = [
  'host-invalid',
  'host-incoming',
  'port-invalid',
  'encryption-invalid',
  'auth-invalid',
  'port-encryption-mismatch',
  'port-nonstandard',
  'unencrypted',
  'port-25',
  'tls-downgradable',
  'username-required',
  'password-required',
  'credentials-invalid',
  'username-full-address',
  'username-local-part',
  'gmail-app-password',
  'app-password',
  'gmail-from-rewrite',
  'gmail-relay-domain',
  'zoho-pro',
  'azure-smtp',
  'whitelist-login-only',
  'office365-smtp-auth',
  'office365-port-465',
  'office365-basic-auth-retirement',
  'office365-direct-send',
  'oauth-only',
  'whitelist-needs-relay',
  'mailbox-send-as',
  'mailbox-new-user',
  'crm-range-non-canonical',
  'crm-range-invalid',
] as const;

/** Codes of findings on the validation dialog's Domein / Van / Naar (lib/validation-input.ts). */
export const VALIDATION_FINDING_CODES = ['domain-invalid', 'address-invalid', 'address-outside-domain', 'address-same'] as const;

/** Codes of findings on the mail domain's DNS (server/discover.ts). */
const DISCOVER_FINDING_CODES = ['dns-domain-not-found', 'dns-lookup-failed', 'dns-no-mx', 'dns-implicit-mx', 'spf-missing', 'spf-multiple', 'spf-too-many-lookups', 'spf-include-broken', 'spf-provider-missing', 'dmarc-missing'] as const;

/** A finding from a backend newer than this extension, whose code it does not know (lib/api.ts). */
const API_FINDING_CODES = ['finding-unknown'] as const;

export const FINDING_CODES = [...SETTINGS_FINDING_CODES, ...VALIDATION_FINDING_CODES, ...DISCOVER_FINDING_CODES, ...PROBE_FINDING_CODES, ...WATCH_FINDING_CODES, ...API_FINDING_CODES] as const;
export type FindingCode = (typeof FINDING_CODES)[number];


/** The form field a finding is about, so the UI can show it under that field. */
export type FindingField = 'host' | 'port' | 'encryption' | 'auth' | 'username' | 'password' | 'mode' | 'crmRange' | 'domain' | 'from' | 'to';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  field?: FindingField;
  /** Picks a more specific text: the catalogue key `${code}.${variant}` when it exists. */
  variant?: string;
  /** Values for the text's {placeholders}. */
  params?: Params;
  /** A one-click fix: the form fields to set (never a password). */
  fix?: FormValues;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
