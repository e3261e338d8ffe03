import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs. Nothing secret is ever passed to the logger (no bodies, no passwords, no codes);
 * redact is a second line of defence for fields that should never appear by name.
 */
export function createLogger(stream?: DestinationStream, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: { svc: 'mailserver-assistent' },
      redact: {
        paths: ['password', 'pass', 'auth.password', '*.password', '*.pass', 'code_plain', 'authorization', 'req.headers.authorization'],
        censor: '[redacted]',
      },
    },
    stream,
  );
}

/** j***@example.nl: enough to recognise a log line, not enough to harvest an address. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return '***';
  return `${address.slice(0, 1)}***@${address.slice(at + 1)}`;
}

const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

/**
 * Removes secrets (and their base64 forms) and masks e-mail addresses in text that came from an SMTP
 * server or a library, before it reaches a log line or a response body.
 */
export function scrub(text: string, secrets: readonly string[] = [], maskEmails = true): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    const forms = [s, Buffer.from(s).toString('base64'), Buffer.from(s).toString('base64').replace(/=+$/, '')];
    for (const f of forms) if (f.length >= 3) out = out.split(f).join('***');
  }
  return maskEmails ? out.replace(EMAIL, (m) => maskAddress(m)) : out;
}
