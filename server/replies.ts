import type { Finding } from '../lib/findings';

/** Where in the SMTP dialogue a reply came from; the same code means different things in different places. */
export type Phase = 'greeting' | 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data';

export interface ReplyLike {
  code: number;
  enhanced?: string;
  text: string;
}

/**
 * Known provider replies, told apart by their text, not by the enhanced code alone (5.7.139 alone means four
 * different things). First match wins; each row names its source. `phases`: where the row applies (any when absent).
 */
export const REPLY_PATTERNS: readonly {
  test: (r: ReplyLike) => boolean;
  phases?: readonly Phase[];
  finding: Omit<Finding, 'params'>;
  source: string;
}[] = [
  {
    test: (r) => /SmtpClientAuthentication is disabled/i.test(r.text),
    finding: { code: 'office365-auth-disabled', severity: 'error', field: 'auth', variant: 'smtp-auth-disabled' },
    source: 'PROVIDERS.md (errors seen by users; Microsoft Learn "Enable or disable authenticated client SMTP submission"): 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant/Mailbox',
  },
  {
    test: (r) => /basic authentication is disabled|security defaults/i.test(r.text),
    finding: { code: 'office365-auth-disabled', severity: 'error', field: 'auth', variant: 'security-defaults' },
    source: 'PROVIDERS.md (corrections, reply texts; errors seen by users): 535 5.7.139 Authentication unsuccessful, basic authentication is disabled = Security Defaults or an authentication policy',
  },
  {
    test: (r) => /did not meet the criteria/i.test(r.text),
    finding: { code: 'office365-auth-disabled', severity: 'error', field: 'auth', variant: 'conditional-access' },
    source: 'PROVIDERS.md (corrections, reply texts): 535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully = conditional access / policy',
  },
  {
    test: (r) => r.enhanced === '5.7.139' && /credentials were incorrect/i.test(r.text),
    finding: { code: 'auth-failed', severity: 'error', field: 'password', variant: 'office365' },
    source: 'PROVIDERS.md (corrections, reply texts): 535 5.7.139 Authentication unsuccessful, the user credentials were incorrect = wrong password',
  },
  {
    test: (r) => r.enhanced === '5.7.139',
    finding: { code: 'office365-auth-disabled', severity: 'error', field: 'auth' },
    source: 'Microsoft 365: 5.7.139 with another text (tell by text where possible; this is the fallback)',
  },
  {
    test: (r) => r.enhanced === '5.7.30' || /basic authentication is not supported/i.test(r.text),
    finding: { code: 'basic-auth-unsupported', severity: 'error', field: 'auth' },
    source: 'Exchange Team blog 27 January 2026 / MC786329: 550 5.7.30 Basic authentication is not supported for Client Submission (after the final removal only)',
  },
  {
    test: (r) => r.enhanced === '5.7.9' || /application-specific password required/i.test(r.text),
    finding: { code: 'gmail-app-password-required', severity: 'error', field: 'password' },
    source: 'Google Account help 185833: 534-5.7.9 Application-specific password required',
  },
  {
    test: (r) => r.enhanced === '5.7.57' || /client not authenticated/i.test(r.text),
    finding: { code: 'client-not-authenticated', severity: 'error', field: 'auth' },
    source: 'PROVIDERS.md (corrections, reply texts): 530 5.7.57 Client not authenticated to send mail = the client did not log in (no AUTH, or AUTH before STARTTLS)',
  },
  {
    test: (r) => r.code === 530 && /STARTTLS/i.test(r.text),
    finding: { code: 'starttls-required', severity: 'error', field: 'encryption', fix: { encryption: 'tls' } },
    source: 'RFC 3207 §4: 530 Must issue a STARTTLS command first',
  },
  {
    test: (r) => r.enhanced === '5.2.252' || /SendAsDenied/i.test(r.text) || r.enhanced === '5.7.60' || /permissions? to send as this sender/i.test(r.text),
    finding: { code: 'send-as-denied', severity: 'error', field: 'mode' },
    source: 'PROVIDERS.md (corrections, reply texts): 554 5.2.252 SendAsDenied and 550 5.7.60 SMTP; Client does not have permissions to send as this sender = the mailbox lacks Send As ("Verzenden als", learn.microsoft.com/nl-nl)',
  },
  {
    test: (r) => r.enhanced === '5.7.68' || /TenantInboundAttribution/i.test(r.text),
    finding: { code: 'direct-send-rejected', severity: 'error', field: 'host' },
    source: 'Exchange Team blog on Direct Send / MC1093237: 550 5.7.68 TenantInboundAttribution = the tenant has RejectDirectSend on',
  },
];

/**
 * Turns a server's negative reply into the finding an admin can act on. Known provider replies
 * (REPLY_PATTERNS) get their own finding; everything else names the phase and quotes the reply.
 * `reply` is the already scrubbed text shown to the admin.
 */
export function findingForReply(r: ReplyLike, phase: Phase, reply: string): Finding {
  const t = r.text;
  const params = { reply };
  const row = REPLY_PATTERNS.find((p) => (!p.phases || p.phases.includes(phase)) && p.test(r));
  if (row) {
    const { variant, ...rest } = row.finding;
    return { ...rest, ...(variant ? { variant } : {}), params };
  }
  if (r.code === 421) return { code: 'server-busy', severity: 'error', params };
  if (phase === 'greeting' && r.code >= 500) return { code: 'server-rejected', severity: 'error', params };
  if (phase === 'auth' && (r.code === 535 || r.code === 534 || r.enhanced === '5.7.8' || r.code === 454)) {
    return { code: 'auth-failed', severity: 'error', field: 'password', params };
  }
  if ((phase === 'rcpt' || phase === 'mail') && /relay/i.test(t)) return { code: 'relay-denied', severity: 'error', field: 'auth', params };
  if (phase === 'mail') return { code: 'sender-rejected', severity: 'error', field: 'from', params };
  if (phase === 'rcpt') return { code: 'recipient-rejected', severity: 'error', field: 'to', params };
  return { code: 'smtp-error', severity: 'error', params: { reply, phase } };
}

/** Parses "535 5.7.139 Authentication unsuccessful …" as nodemailer reports it in err.response. */
export function parseReplyText(response: string | undefined, responseCode?: number): ReplyLike | undefined {
  if (!response && !responseCode) return undefined;
  const m = /^(\d{3})[ -]?(.*)$/s.exec(response ?? '');
  const code = responseCode ?? (m ? Number(m[1]) : 0);
  const text = (m ? m[2] : response ?? '')!.replace(/\r?\n\d{3}[ -]/g, ' ').trim();
  const enhanced = /^([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1];
  return { code, enhanced, text };
}
