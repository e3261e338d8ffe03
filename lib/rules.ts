import { checkHost } from './host';
import { parsePort } from './port';
import type { Finding } from './findings';
import { passwordState, PASSWORD_STATES, type PasswordState } from './password';
import { presetsForHost } from './presets';
import { isOffice365MxHost } from './provider-detect';
import { APP_PASSWORD_HOSTS, isAzureSmtpHost, isGmailHost, isGoogleRelayHost, isOffice365Host, isOutlookComHost, isZohoProHost, outgoingHostFor } from './provider-hosts';
import { transportFix } from './transport';
import { ENCRYPTIONS, type Encryption, type SettingsDraft } from './settings';

export interface RuleContext {
  /** Today, for date-dependent advice (Microsoft's basic-auth timeline). */
  now?: Date;
}

/**
 * What the rules read: a draft, where the password may be given as its state alone (the background knows
 * only whether the page's Wachtwoord is empty, filled, app-password-shaped…; the value stays in the page).
 * A given passwordState wins over password.
 */
export type RuleInput = SettingsDraft & { passwordState?: PasswordState };

/**
 * The end of December 2026: Microsoft turns basic-auth SMTP AUTH off by default for existing tenants; admins can
 * turn it back on, and the final removal date will be announced in the second half of 2027 (Exchange Team blog,
 * 27 January 2026; message MC786329).
 */
export const OFFICE365_BASIC_AUTH_OFF = new Date('2027-01-01T00:00:00Z');

const SMTP_PORTS = new Set([25, 465, 587, 2525]);
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A draft as the rules may read it: only strings (and a numeric port) survive, so values from a page,
 * storage or a message of the wrong type become "missing" instead of throwing inside a rule.
 */
function sanitizeDraft(input: unknown): SettingsDraft & { pw: PasswordState } {
  if (!input || typeof input !== 'object') return { pw: 'absent' };
  const d = input as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  const port = typeof d.port === 'number' || typeof d.port === 'string' ? d.port : d.port === undefined || d.port === null ? undefined : NaN;
  const given = (PASSWORD_STATES as readonly unknown[]).includes(d.passwordState) ? (d.passwordState as PasswordState) : undefined;
  return {
    host: str('host'),
    port,
    encryption: str('encryption'),
    authMethod: str('authMethod'),
    username: str('username'),
    mode: str('mode'),
    pw: given ?? passwordState(str('password')),
  };
}

const key = (f: Finding) => `${f.code}|${f.variant ?? ''}|${f.field ?? ''}`;

/**
 * Everything wrong or worth knowing about a (possibly incomplete) configuration.
 * Never throws: unparseable fields become findings that name the field, and the other rules still run.
 * A fix is offered only when applying it removes its own finding and adds no new error (lib/rules.fix.test.ts).
 */
export function checkSettings(input: RuleInput, context: RuleContext = {}): Finding[] {
  const draft = sanitizeDraft(input);
  const out = rawFindings(draft, context);
  const errors = new Set(out.filter((f) => f.severity === 'error').map(key));
  for (const f of out) {
    if (!f.fix) {
      delete f.fix;
      continue;
    }
    const after = rawFindings(sanitizeDraft({ ...draft, passwordState: draft.pw, ...f.fix }), context);
    const keys = new Set(after.map(key));
    const addsError = after.some((g) => g.severity === 'error' && !errors.has(key(g)));
    if (addsError || keys.has(key(f))) delete f.fix;
  }
  return out;
}

function rawFindings(draft: SettingsDraft & { pw: PasswordState }, context: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = (f: Finding) => out.push(f);

  const hostCheck = typeof draft.host === 'string' ? checkHost(draft.host) : ({ ok: false, problem: 'empty' } as const);
  const host = hostCheck.ok ? hostCheck.host : undefined;
  if (!hostCheck.ok) add({ code: 'host-invalid', severity: 'error', field: 'host', variant: hostCheck.problem });
  const presets = host ? presetsForHost(host) : [];

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
  const office365 = !!host && isOffice365Host(host);
  const fixTransport = transportFix(host, port, encryption);

  // Port and encryption must describe the same thing on the wire. (Microsoft 365 on 465: one finding below.)
  const needs = port === 465 && encryption && encryption !== 'ssl' ? 'needs-ssl' : (port === 587 || port === 25) && encryption === 'ssl' ? 'needs-tls' : undefined;
  if (needs && !(office365 && port === 465)) {
    add({ code: 'port-encryption-mismatch', severity: 'error', field: 'encryption', variant: needs, params: { port: port! }, fix: fixTransport });
  }
  if (encryption === 'none') {
    add({ code: 'unencrypted', severity: method === 'password' ? 'error' : 'warning', field: 'encryption', fix: fixTransport });
  } else if (encryption === 'tls-if-available') {
    add({ code: 'tls-downgradable', severity: 'warning', field: 'encryption', fix: fixTransport });
  }
  // Port 25 is right for Microsoft 365's MX endpoints, for smtp-relay.gmail.com, and for any relay that
  // allowlists the CRM's IP addresses (PROVIDERS.md, corrections): warn only where a login goes over it.
  const port25Fits = method === 'ip-whitelist' || (host && (isOffice365MxHost(host) || isGoogleRelayHost(host)));
  if (port === 25 && !port25Fits) {
    add({ code: 'port-25', severity: 'warning', field: 'port', fix: { port: 587, encryption: 'tls' } });
  }

  if (method === 'password') {
    const username = draft.username ?? '';
    if (username.trim() === '') add({ code: 'username-required', severity: 'error', field: 'username' });
    if (draft.pw === 'empty') add({ code: 'password-required', severity: 'error', field: 'password' });
    if (CONTROL.test(username)) add({ code: 'credentials-invalid', severity: 'error', field: 'username' });
    if (draft.pw === 'control') add({ code: 'credentials-invalid', severity: 'error', field: 'password' });
    const hint = presets.find((p) => p.verified !== false)?.usernameHint;
    const name = username.trim();
    if (hint === 'full-address' && name !== '' && !name.includes('@')) {
      add({ code: 'username-full-address', severity: 'warning', field: 'username' });
    }
    if (hint === 'local-part' && name.includes('@') && !CONTROL.test(name)) {
      add({ code: 'username-local-part', severity: 'warning', field: 'username', params: { provider: presets[0]!.name }, fix: { username: name.slice(0, name.lastIndexOf('@')) } });
    }
  }

  if (host && isGmailHost(host) && method !== 'ip-whitelist') {
    // Whenever Gmail is chosen; louder once a typed password does not look like an app password.
    add({ code: 'gmail-app-password', severity: draft.pw === 'other' ? 'warning' : 'info', field: 'password' });
    add({ code: 'gmail-from-rewrite', severity: mode === 'mailbox' ? 'warning' : 'info', field: 'mode' });
  }
  const appPassword = host ? APP_PASSWORD_HOSTS[host] : undefined;
  if (appPassword && method === 'password') add({ code: 'app-password', severity: 'info', field: 'password', params: appPassword });
  const outgoing = host ? outgoingHostFor(host) : undefined;
  if (outgoing !== undefined) {
    const fix = outgoing ? { host: outgoing, ...transportFix(outgoing, port, encryption) } : undefined;
    add({ code: 'host-incoming', severity: 'error', field: 'host', params: { host: host!, smtp: outgoing || '—' }, ...(fix ? { fix } : {}) });
  }
  if (host && isGoogleRelayHost(host)) add({ code: 'gmail-relay-domain', severity: 'info', field: 'host', variant: method === 'password' ? 'auth' : 'ip' });
  if (host && isOutlookComHost(host)) add({ code: 'oauth-only', severity: 'error', field: 'host' });
  if (host && isZohoProHost(host)) add({ code: 'zoho-pro', severity: 'info', field: 'host' });
  if (host && isAzureSmtpHost(host)) add({ code: 'azure-smtp', severity: 'info', field: 'auth' });

  // A provider that only takes a login (every verified preset on this host uses "Gebruikersnaam en wachtwoord").
  const loginOnly = presets.length > 0 && presets.every((p) => p.authMethod === 'password' && p.verified !== false) && !(host && isOutlookComHost(host));
  if (method === 'ip-whitelist' && loginOnly) {
    add({ code: 'whitelist-login-only', severity: 'error', field: 'auth', variant: office365 ? 'office365' : host && isGmailHost(host) ? 'gmail' : undefined, params: { provider: presets[0]!.name, host: host! } });
  }

  if (office365) {
    if (port === 465) add({ code: 'office365-port-465', severity: 'error', field: 'port', fix: { port: 587, encryption: 'tls' } });
    if (method === 'password') {
      add({ code: 'office365-smtp-auth', severity: 'warning', field: 'auth' });
      const off = (context.now ?? new Date()) >= OFFICE365_BASIC_AUTH_OFF;
      add({ code: 'office365-basic-auth-retirement', severity: 'warning', field: 'auth', variant: off ? 'after' : 'before' });
    }
  }
  if (host && isOffice365MxHost(host)) {
    add({ code: 'office365-direct-send', severity: 'warning', field: 'host' });
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
