import type { Encryption } from './settings';

/** The CRM's own radio labels: shown verbatim in both UI languages, so the admin recognises them. */
export const ENCRYPTION_LABELS: Record<Encryption, string> = {
  none: 'Geen encryptie',
  ssl: 'Gebruik SSL',
  'tls-if-available': 'Gebruik TLS indien beschikbaar',
  tls: 'Gebruik TLS',
};

/** The CRM's "Authenticatie" radio labels. */
export const AUTH_LABELS = { password: 'Gebruikersnaam en wachtwoord', 'ip-whitelist': 'IP Whitelisting' } as const;
