import type { Finding } from '../lib/findings';

/** Where in the SMTP dialogue a reply came from; the same code means different things in different places. */
export type Phase = 'greeting' | 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data';

export interface ReplyLike {
  code: number;
  enhanced?: string;
  text: string;
}

/**
 * Turns a server's negative reply into the finding an admin can act on. Known provider replies
 * (Microsoft 365, Gmail) get their own finding; everything else names the phase and quotes the reply.
 * `reply` is the already scrubbed text shown to the admin.
 */
export function findingForReply(r: ReplyLike, phase: Phase, reply: string): Finding {
  const t = r.text;
  const params = { reply };
  if (r.enhanced === '5.7.139' || /SmtpClientAuthentication is disabled/i.test(t)) {
    const variant = /SmtpClientAuthentication is disabled/i.test(t) ? 'smtp-auth-disabled' : /security defaults|basic authentication is disabled/i.test(t) ? 'security-defaults' : undefined;
    return { code: 'office365-auth-disabled', severity: 'error', field: 'auth', variant, params };
  }
  if (r.enhanced === '5.7.30' || /basic authentication is not supported/i.test(t)) {
    return { code: 'basic-auth-unsupported', severity: 'error', field: 'auth', params };
  }
  if (r.enhanced === '5.7.9' || /application-specific password required/i.test(t)) {
    return { code: 'gmail-app-password-required', severity: 'error', field: 'password', params };
  }
  if (r.code === 530 && /STARTTLS/i.test(t)) {
    return { code: 'starttls-required', severity: 'error', field: 'encryption', params, fix: { encryption: 'tls' } };
  }
  if (r.enhanced === '5.2.252' || /SendAsDenied/i.test(t)) {
    return { code: 'send-as-denied', severity: 'error', field: 'mode', params };
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
