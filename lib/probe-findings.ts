/** Codes of findings the backend's live probe and validation produce (server/). Stable API, like the settings codes. */
export const PROBE_FINDING_CODES = [
  // reaching the server
  'dns-not-found',
  'dns-failed',
  'connection-refused',
  'connection-timeout',
  'connection-closed',
  'greeting-timeout',
  'server-rejected',
  'server-busy',
  'server-reply-invalid',
  'probe-deadline',
  // what the port speaks
  'port-expects-ssl',
  'port-expects-starttls',
  'port-plain-only',
  'starttls-not-offered',
  'starttls-available',
  'starttls-failed',
  'starttls-required',
  'tls-handshake-failed',
  // certificate
  'cert-expired',
  'cert-not-yet-valid',
  'cert-self-signed',
  'cert-untrusted',
  'cert-name-mismatch',
  // login
  'auth-ok',
  'auth-failed',
  'auth-not-offered',
  'auth-mechanism-unsupported',
  'auth-protocol',
  'auth-skipped',
  'cleartext-auth',
  'office365-auth-disabled',
  'client-not-authenticated',
  'basic-auth-unsupported',
  'gmail-app-password-required',
  // sending the validation mail
  'send-as-denied',
  'relay-denied',
  'direct-send-rejected',
  'sender-rejected',
  'recipient-rejected',
  'send-failed',
  'smtp-error',
  // what a test from here proves
  'whitelist-scope',
] as const;
export type ProbeFindingCode = (typeof PROBE_FINDING_CODES)[number];
