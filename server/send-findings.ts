import type { Finding } from '../lib/findings';
import type { SendError } from './mailer';
import { findingForReply, parseReplyText } from './replies';

/** What went wrong while sending the validation mail, as findings (nodemailer's error codes and the server's reply). */
export function sendFindings(err: SendError, port: number, clean: (s: string) => string): Finding[] {
  const reply = parseReplyText(err.response, err.responseCode);
  const cmd = (err.command ?? '').toUpperCase();
  const msg = String(err.message ?? '');
  if (reply && reply.code >= 400) {
    const phase = err.code === 'EAUTH' || cmd.startsWith('AUTH') ? 'auth' : cmd.startsWith('MAIL') ? 'mail' : cmd.startsWith('RCPT') ? 'rcpt' : cmd.startsWith('DATA') ? 'data' : cmd === 'CONN' ? 'greeting' : 'data';
    return [findingForReply(reply, phase, clean(`${reply.code} ${reply.text}`))];
  }
  if (/ECONNREFUSED/.test(msg)) return [{ code: 'connection-refused', severity: 'error', field: 'port', params: { port } }];
  if (/certificate has expired/i.test(msg)) return [{ code: 'cert-expired', severity: 'error', params: { validTo: '?' } }];
  if (/self[- ]signed/i.test(msg)) return [{ code: 'cert-self-signed', severity: 'error' }];
  if (/does not match|altnames/i.test(msg)) return [{ code: 'cert-name-mismatch', severity: 'error', field: 'host', params: { host: '', names: '' } }];
  if (/STARTTLS/i.test(msg) || err.code === 'ETLS') return [{ code: 'starttls-not-offered', severity: 'error', field: 'encryption', params: { port } }];
  if (err.code === 'ETIMEDOUT' || /timeout/i.test(msg)) return [{ code: 'connection-timeout', severity: 'error', field: 'port', variant: port === 25 ? 'port-25' : undefined, params: { port } }];
  return [{ code: 'send-failed', severity: 'error', params: { reply: clean(`${err.code ?? ''} ${msg}`.trim()) } }];
}

/** Whether the send failed because the server refused the login (counts as a failed login). */
export function isLoginFailure(err: SendError): boolean {
  return err.code === 'EAUTH' && (err.responseCode ?? 0) >= 500;
}
