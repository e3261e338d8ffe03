/**
 * Codes of findings only the daily re-check (lib/watch/, background/watch/) produces. Stable API, like the
 * other codes; their texts are in lib/i18n/watch.ts. Where a code exists elsewhere the check reuses it
 * (cert-expired, starttls-not-offered, spf-provider-missing, office365-basic-auth-retirement, …).
 */
export const WATCH_FINDING_CODES = [
  // the server's certificate is still valid but ends within 30 days
  'cert-expires-soon',
  // the domain's MX no longer points at the provider of the saved host
  'provider-changed',
  // the domain's SPF record lists addresses only, and not the mail server's
  'spf-server-missing',
  // Microsoft 365's basic-auth default-off date is within 60 days
  'office365-basic-auth-deadline',
  // the backend could not be reached: nothing is known about the mail server this time
  'watch-backend-unreachable',
] as const;
