import tls from 'node:tls';
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../lib/settings';
import type { Config } from './config';

export interface ValidationMail {
  from: string;
  to: string;
  domain: string;
  code: string;
  expiresAt: Date;
}

export type SendError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

/** The fixed bilingual message; only the code, domain and expiry time are filled in (never a header). */
function validationMailText(m: ValidationMail): { subject: string; text: string } {
  const until = m.expiresAt.toISOString().slice(11, 16);
  return {
    subject: 'Validatiecode Mailserver Assistent / validation code',
    text: [
      `Uw validatiecode: ${m.code}`,
      '',
      `Deze mail is verstuurd via uw eigen mailserver, met de instellingen die u voor het domein ${m.domain} test.`,
      `Vul de code in bij de Mailserver Assistent. De code is 10 minuten geldig (tot ${until} UTC) en werkt één keer.`,
      'Heeft u niets aangevraagd? Dan kunt u deze mail negeren.',
      '',
      '---',
      '',
      `Your validation code: ${m.code}`,
      '',
      `This mail was sent through your own mail server, with the settings you are testing for the domain ${m.domain}.`,
      `Enter the code in the Mailserver Assistent. It is valid for 10 minutes (until ${until} UTC) and works once.`,
      'Did not ask for this? Then you can ignore this mail.',
    ].join('\n'),
  };
}

/**
 * Sends the validation mail through the admin's own server, as the CRM would: From = Van, To = Naar,
 * one MAIL FROM and one RCPT TO. nodemailer gets the guard's checked IP (it would resolve the name
 * itself otherwise) and the name as TLS servername; certificates are verified. With "Gebruik TLS indien
 * beschikbaar" and a password, STARTTLS is required anyway: we never send credentials in the clear unless
 * the admin chose "Geen encryptie".
 */
export async function sendValidationMail(
  settings: SmtpSettings,
  address: string,
  servername: string | undefined,
  mail: ValidationMail,
  config: Pick<Config, 'timeouts' | 'extraCa' | 'ehloName'>,
  signal?: AbortSignal,
): Promise<void> {
  const t = config.timeouts;
  const password = settings.auth.method === 'password';
  const transport = nodemailer.createTransport({
    host: address,
    port: settings.port,
    secure: settings.encryption === 'ssl',
    requireTLS: settings.encryption === 'tls' || (settings.encryption === 'tls-if-available' && password),
    ignoreTLS: settings.encryption === 'none',
    name: config.ehloName,
    auth: settings.auth.method === 'password' ? { user: settings.auth.username, pass: settings.auth.password } : undefined,
    tls: {
      servername,
      rejectUnauthorized: true,
      ca: config.extraCa.length ? [...tls.rootCertificates, ...config.extraCa] : undefined,
    },
    connectionTimeout: t.connect,
    greetingTimeout: t.greeting,
    socketTimeout: t.command,
    dnsTimeout: t.dns,
    logger: false,
    debug: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const { subject, text } = validationMailText(mail);
  // Cancelled for real at the deadline: nodemailer closes the connection of an aborted send.
  const deadline = AbortSignal.timeout(t.send);
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      envelope: { from: mail.from, to: [mail.to] },
      subject,
      text,
      signal: signal ? AbortSignal.any([deadline, signal]) : deadline,
    });
  } catch (e) {
    if (deadline.aborted && (e as { code?: string })?.code === 'EABORT') throw Object.assign(new Error('sending took too long'), { code: 'ETIMEDOUT' });
    throw e;
  } finally {
    transport.close();
  }
}
