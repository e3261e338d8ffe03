// Provider facts the rules read by host name: who is who, who wants an app password, which hosts are for incoming mail.

export const isGmailHost = (h: string) => h === 'smtp.gmail.com' || h === 'smtp.googlemail.com';
export const isGoogleRelayHost = (h: string) => h === 'smtp-relay.gmail.com';
export const isOffice365Host = (h: string) => h === 'smtp.office365.com';
export const isOutlookComHost = (h: string) => h === 'smtp-mail.outlook.com';
export const isZohoProHost = (h: string) => h === 'smtppro.zoho.com' || h === 'smtppro.zoho.eu';
export const isAzureSmtpHost = (h: string) => h === 'smtp.azurecomm.net';

/** Providers that refuse the normal password over SMTP (Apple HT204397, Yahoo help "third-party app passwords"). */
export const APP_PASSWORD_HOSTS: Record<string, { provider: string; where: string }> = {
  'smtp.mail.me.com': { provider: 'iCloud', where: 'account.apple.com' },
  'smtp.mail.yahoo.com': { provider: 'Yahoo', where: 'login.yahoo.com/account/security' },
};

/** Well-known servers for incoming mail (IMAP/POP) that admins paste by mistake, with their SMTP counterpart. */
const INCOMING_HOSTS: Record<string, string> = {
  'outlook.office365.com': 'smtp.office365.com',
  'imap.gmail.com': 'smtp.gmail.com',
  'pop.gmail.com': 'smtp.gmail.com',
  'imap-mail.outlook.com': 'smtp-mail.outlook.com',
  'imap.mail.me.com': 'smtp.mail.me.com',
  'imap.mail.yahoo.com': 'smtp.mail.yahoo.com',
};

/**
 * When a host is a server for incoming mail (imap.x, pop.x, pop3.x, or a known one): the SMTP host to use
 * instead ('' when there is no safe guess). undefined for an ordinary host.
 */
export function outgoingHostFor(host: string): string | undefined {
  if (host in INCOMING_HOSTS) return INCOMING_HOSTS[host];
  const m = /^(imap|imaps|pop|pop3|pop3s)\.(.+\..+)$/.exec(host);
  return m ? `smtp.${m[2]}` : undefined;
}
