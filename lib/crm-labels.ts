import type { AuthMethod, Encryption, Mode } from './settings';

/**
 * The CRM's own words, defined once: the labels it shows on the "Eigen mailserver" form, its radio
 * options, the "SMTP server validatie" dialog and the Rechten block, each with the variants the page
 * reader accepts for it (the CRM's small typos, English renderings, spacing). The UI shows the first
 * spelling verbatim in both languages so the admin recognises it; dom/locator reads every spelling.
 *
 * Variants are written in their normalised form (lower case, single spaces, no colon or asterisk):
 * see normLabel in dom/locator/labels.ts. Spaces and hyphens inside a label do not matter there either,
 * so "Poort nummer" and "SMTP-server" need no separate entries.
 */

/** The CRM's radio labels for Encryptie. */
export const ENCRYPTION_LABELS: Record<Encryption, string> = {
  none: 'Geen encryptie',
  ssl: 'Gebruik SSL',
  'tls-if-available': 'Gebruik TLS indien beschikbaar',
  tls: 'Gebruik TLS',
};

/** The CRM's "Authenticatie" radio labels. */
export const AUTH_LABELS = { password: 'Gebruikersnaam en wachtwoord', 'ip-whitelist': 'IP Whitelisting' } as const satisfies Record<AuthMethod, string>;

/** The field labels of the SMTP form, as the CRM shows them. */
export const FIELD_LABELS = {
  host: 'Hostnaam',
  port: 'Poortnummer',
  encryption: 'Encryptie',
  authMethod: 'Authenticatie',
  username: 'Gebruikersnaam',
  password: 'Wachtwoord',
} as const;

/** The CRM's "Werkwijze" options. */
export const MODE_LABELS = { relay: 'Mailserver doorsturen', mailbox: 'Mailbox verzenden' } as const satisfies Record<Mode, string>;

/** The CRM's words for the way of working in a UI language: verbatim in Dutch, with a gloss in English. */
export const MODE_TEXT = {
  nl: { 'mode.relay': MODE_LABELS.relay, 'mode.mailbox': MODE_LABELS.mailbox },
  en: { 'mode.relay': `${MODE_LABELS.relay} (relay)`, 'mode.mailbox': `${MODE_LABELS.mailbox} (send from a mailbox)` },
} as const;

/** The fields of the "SMTP server validatie" dialog. */
export const DIALOG_LABELS = { domain: 'Domein', from: 'Van', to: 'Naar' } as const;

export type CrmTextField = 'host' | 'port' | 'username' | 'password';
export type CrmDialogField = keyof typeof DIALOG_LABELS;

/** Accepted label texts per text field, normalised; the CRM's spelling first. */
export const FIELD_VARIANTS: Record<CrmTextField | CrmDialogField, readonly string[]> = {
  host: ['hostnaam', 'host name', 'hostname', 'host', 'smtp server', 'smtp host'],
  port: ['poortnummer', 'poort', 'port', 'port number', 'smtp port', 'smtp poort'],
  username: ['gebruikersnaam', 'gebruikernaam', 'username', 'user name', 'login', 'gebruiker'],
  password: ['wachtwoord', 'password'],
  domain: ['domein', 'domain'],
  from: ['van', 'from'],
  to: ['naar', 'to'],
};

/** Accepted texts for the Encryptie options: the longest matching prefix wins ("Gebruik TLS indien…" is not "Gebruik TLS"). */
export const ENCRYPTION_VARIANTS: Record<Encryption, readonly string[]> = {
  none: ['geen encryptie', 'geen versleuteling', 'no encryption', 'none'],
  ssl: ['gebruik ssl', 'use ssl', 'ssl'],
  'tls-if-available': ['gebruik tls indien beschikbaar', 'tls indien beschikbaar', 'use tls if available', 'tls if available'],
  tls: ['gebruik tls', 'use tls', 'tls'],
};

/** Accepted texts for the Authenticatie options. */
export const AUTH_VARIANTS: Record<AuthMethod, readonly string[]> = {
  password: ['gebruikersnaam en wachtwoord', 'gebruikernaam en wachtwoord', 'username and password', 'user name and password'],
  'ip-whitelist': ['ip whitelisting', 'ip whitelist', 'ip allowlisting', 'ip allowlist'],
};

/** The dialog's title ("SMTP server validatie"), the right on the Rechten page ("Eigen mailserver") and that page's title; the CRM's spelling first. */
export const DIALOG_TITLE_VARIANTS: readonly string[] = ['smtp server validatie', 'smtp server validation'];
export const RIGHT_VARIANTS: readonly string[] = ['eigen mailserver', 'eigen e mailserver', 'own mail server', 'own mailserver'];
export const RIGHTS_PAGE_VARIANTS: readonly string[] = ['rechten', 'rights', 'permissions'];
