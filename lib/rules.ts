import { checkHost } from './host';
import type { Finding } from './findings';
import { ENCRYPTIONS, type Encryption, type SettingsDraft } from './settings';

export interface RuleContext {
  /** Today, for date-dependent advice (Microsoft's basic-auth retirement). */
  now?: Date;
}

/** End of December 2026: Microsoft turns basic-auth SMTP AUTH off by default for existing tenants (MC786329). */
export const OFFICE365_BASIC_AUTH_OFF = new Date('2027-01-01T00:00:00Z');

const SMTP_PORTS = new Set([25, 465, 587, 2525]);
const CONTROL = /[\u0000-\u001f\u007f]/;

export const isGmailHost = (h: string) => h === 'smtp.gmail.com' || h === 'smtp.googlemail.com';
export const isGoogleRelayHost = (h: string) => h === 'smtp-relay.gmail.com';
export const isOffice365Host = (h: string) => h === 'smtp.office365.com';
export const isOffice365ConnectorHost = (h: string) => h.endsWith('.mail.protection.outlook.com');
export const isOutlookComHost = (h: string) => h === 'smtp-mail.outlook.com';

/** Providers that refuse the normal password over SMTP (Apple HT204397, Yahoo help "third-party app passwords"). */
const APP_PASSWORD_HOSTS: Record<string, { provider: string; where: string }> = {
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

/** A Google app password: 16 letters, shown by Google in groups of four. */
export const looksLikeGoogleAppPassword = (pw: string) => /^[a-z]{16}$/i.test(pw.replace(/ /g, ''));

/** Parses a port as typed: an integer 1–65535, digits only. */
export function parsePort(raw: number | string | undefined): number | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1 && raw <= 65535 ? raw : undefined;
  if (typeof raw !== 'string' || !/^\d{1,5}$/.test(raw.trim())) return undefined;
  return parsePort(Number(raw.trim()));
}

/**
 * A draft as the rules may read it: only strings (and a numeric port) survive, so values from a page,
 * storage or a message of the wrong type become "missing" instead of throwing inside a rule.
 */
function sanitizeDraft(input: unknown): SettingsDraft {
  if (!input || typeof input !== 'object') return {};
  const d = input as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  const port = typeof d.port === 'number' || typeof d.port === 'string' ? d.port : d.port === undefined || d.port === null ? undefined : NaN;
  return { host: str('host'), port, encryption: str('encryption'), authMethod: str('authMethod'), username: str('username'), password: str('password'), mode: str('mode') };
}

/**
 * Everything wrong or worth knowing about a (possibly incomplete) configuration.
 * Never throws: unparseable fields become findings that name the field, and the other rules still run.
 */
export function checkSettings(input: SettingsDraft, context: RuleContext = {}): Finding[] {
  const draft = sanitizeDraft(input);
  const out: Finding[] = [];
  const add = (f: Finding) => out.push(f);

  const hostCheck = typeof draft.host === 'string' ? checkHost(draft.host) : ({ ok: false, problem: 'empty' } as const);
  const host = hostCheck.ok ? hostCheck.host : undefined;
  if (!hostCheck.ok) add({ code: 'host-invalid', severity: 'error', field: 'host', variant: hostCheck.problem });

  const port = parsePort(draft.port);
  if (port === undefined) {
    const empty = draft.port === undefined || String(draft.port).trim() === '';
    add({ code: 'port-invalid', severity: 'error', field: 'port', variant: empty ? 'empty' : 'range', params: { value: String(draft.port ?? '').slice(0, 20) } });
  } else if (!SMTP_PORTS.has(port)) {
    add({ code: 'port-nonstandard', severity: 'info', field: 'port', params: { port } });
  }

  const encryption = (ENCRYPTIONS as readonly string[]).includes(draft.encryption ?? '') ? (draft.encryption as Encryption) : undefined;
  if (!encryption) add({ code: 'encryption-invalid', severity: 'error', field: 'encryption' });

  const method = draft.authMethod === 'password' || draft.authMethod === 'ip-whitelist' ? draft.authMethod : undefined;
  if (!method) add({ code: 'auth-invalid', severity: 'error', field: 'auth' });
  const mode = draft.mode === 'mailbox' ? 'mailbox' : 'relay';

  // Port and encryption must describe the same thing on the wire.
  if (port === 465 && encryption && encryption !== 'ssl') {
    add({ code: 'port-encryption-mismatch', severity: 'error', field: 'encryption', variant: 'needs-ssl', params: { port }, fix: { encryption: 'ssl' } });
  } else if ((port === 587 || port === 25) && encryption === 'ssl') {
    add({ code: 'port-encryption-mismatch', severity: 'error', field: 'encryption', variant: 'needs-tls', params: { port }, fix: { encryption: 'tls' } });
  }
  if (encryption === 'none') {
    add({ code: 'unencrypted', severity: method === 'password' ? 'error' : 'warning', field: 'encryption', fix: { encryption: port === 465 ? 'ssl' : 'tls' } });
  } else if (encryption === 'tls-if-available') {
    add({ code: 'tls-downgradable', severity: 'warning', field: 'encryption', fix: { encryption: 'tls' } });
  } else if (encryption === 'ssl' && port !== 587 && port !== 25) {
    add({ code: 'ssl-legacy', severity: 'info', field: 'encryption' });
  }
  if (port === 25 && !(host && isOffice365ConnectorHost(host))) {
    add({ code: 'port-25', severity: 'warning', field: 'port', fix: { port: 587, encryption: 'tls' } });
  }

  if (method === 'password') {
    const username = draft.username ?? '';
    if (username.trim() === '') add({ code: 'username-required', severity: 'error', field: 'username' });
    if (draft.password !== undefined && draft.password === '') add({ code: 'password-required', severity: 'error', field: 'password' });
    if (CONTROL.test(username)) add({ code: 'credentials-invalid', severity: 'error', field: 'username' });
    if (draft.password && CONTROL.test(draft.password)) add({ code: 'credentials-invalid', severity: 'error', field: 'password' });
    const needsAddress = host && (isOffice365Host(host) || isGmailHost(host) || isOutlookComHost(host));
    if (needsAddress && username.trim() !== '' && !username.includes('@')) {
      add({ code: 'username-full-address', severity: 'warning', field: 'username' });
    }
  }

  if (host && isGmailHost(host) && method === 'password' && draft.password && !looksLikeGoogleAppPassword(draft.password)) {
    add({ code: 'gmail-app-password', severity: 'warning', field: 'password' });
  }
  const appPassword = host ? APP_PASSWORD_HOSTS[host] : undefined;
  if (appPassword && method === 'password') add({ code: 'app-password', severity: 'info', field: 'password', params: appPassword });
  const outgoing = host ? outgoingHostFor(host) : undefined;
  if (outgoing !== undefined) {
    add({ code: 'host-incoming', severity: 'error', field: 'host', params: { host: host!, smtp: outgoing || '—' }, ...(outgoing ? { fix: { host: outgoing } } : {}) });
  }
  if (host && isGoogleRelayHost(host)) add({ code: 'gmail-relay-domain', severity: 'info', field: 'host' });
  if (host && isOutlookComHost(host)) add({ code: 'oauth-only', severity: 'error', field: 'host' });

  if (host && isOffice365Host(host)) {
    if (port === 465) add({ code: 'office365-port-465', severity: 'error', field: 'port', fix: { port: 587, encryption: 'tls' } });
    if (method === 'password') {
      add({ code: 'office365-smtp-auth', severity: 'warning', field: 'auth' });
      const off = (context.now ?? new Date()) >= OFFICE365_BASIC_AUTH_OFF;
      add({ code: 'office365-basic-auth-retirement', severity: 'warning', field: 'auth', variant: off ? 'after' : 'before' });
    }
    if (method === 'ip-whitelist') add({ code: 'office365-relay-connector', severity: 'error', field: 'auth', variant: 'submission-host' });
  }
  if (host && isOffice365ConnectorHost(host)) {
    add({ code: 'office365-relay-connector', severity: 'warning', field: 'host', variant: 'connector' });
  }

  if (mode === 'mailbox') {
    if (method === 'ip-whitelist') add({ code: 'whitelist-needs-relay', severity: 'error', field: 'mode', fix: { mode: 'relay' } });
    else {
      add({ code: 'mailbox-send-as', severity: 'warning', field: 'mode' });
      add({ code: 'mailbox-new-user', severity: 'info', field: 'mode' });
    }
  }
  return out;
}
