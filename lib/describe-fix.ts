import type { Lang } from './i18n/define';

/** The fields a one-click fix may set (never a password): lib/findings.ts Finding.fix and the panel's FixDraft. */
export interface FixFields {
  host?: string;
  port?: number | string;
  encryption?: string;
  authMethod?: string;
  username?: string;
  mode?: string;
}

// The CRM's own labels, verbatim in both languages so the admin finds them in the form; English adds a gloss
// only where the CRM's word is not a product term. Kept here (not in a catalogue) so the content script can
// use this without loading the catalogues.
const FIELD = { host: 'Hostnaam', port: 'Poortnummer', username: 'Gebruikersnaam' } as const;
const ENCRYPTION: Record<string, string> = { none: 'Geen encryptie', ssl: 'Gebruik SSL', 'tls-if-available': 'Gebruik TLS indien beschikbaar', tls: 'Gebruik TLS' };
const AUTH: Record<string, string> = { password: 'Gebruikersnaam en wachtwoord', 'ip-whitelist': 'IP Whitelisting' };
const MODE: Record<Lang, Record<string, string>> = {
  nl: { relay: 'Mailserver doorsturen', mailbox: 'Mailbox verzenden' },
  en: { relay: 'Mailserver doorsturen (relay)', mailbox: 'Mailbox verzenden (send from a mailbox)' },
};

/**
 * What a fix button will do, in the CRM's words: "Poortnummer 587 + Gebruik TLS", "Gebruik SSL",
 * "Gebruikersnaam jan". '' when nothing in the form would change. The one copy, for the wizard and the panel.
 */
export function describeFix(fix: FixFields, lang: Lang): string {
  return [
    fix.host && `${FIELD.host} ${fix.host}`,
    fix.port !== undefined && fix.port !== '' && `${FIELD.port} ${fix.port}`,
    fix.encryption && ENCRYPTION[fix.encryption],
    fix.authMethod && AUTH[fix.authMethod],
    fix.username && `${FIELD.username} ${fix.username}`,
    fix.mode && (MODE[lang] ?? MODE.nl)[fix.mode],
  ]
    .filter(Boolean)
    .join(' + ');
}
