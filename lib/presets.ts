import type { Encryption, AuthMethod, Mode } from './settings';
import type { FindingCode } from './findings';

/**
 * Provider presets: data, one table. Each entry names its source (provider documentation or the
 * Thunderbird ISPDB file) and the address domains / MX patterns that identify the provider.
 * (The full table is being filled in; this is the agreed shape.)
 */
export interface Preset {
  id: string;
  /** Button label, the provider's own name ("Office 365", "Gmail"). */
  name: string;
  host: string;
  port: number;
  encryption: Encryption;
  authMethod: AuthMethod;
  /** Modes this preset fits; the first is the default. */
  modes: readonly Mode[];
  /** What goes in Gebruikersnaam: the full address, or a service account. */
  usernameHint: 'full-address' | 'service-account' | 'none';
  /** Finding codes that always apply to this provider (the UI shows their text with the preset). */
  notes: readonly FindingCode[];
  /** Address domains of this provider's mailboxes (gmail.com, xs4all.nl). */
  domains: readonly string[];
  /** Suffixes of MX host names that identify the provider (".mail.protection.outlook.com"). */
  mx: readonly string[];
  /** Shown first, as a button, in the popup and wizard. */
  featured?: boolean;
  /** Where the values come from. */
  source: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'office365',
    name: 'Office 365',
    host: 'smtp.office365.com',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox', 'relay'],
    usernameHint: 'full-address',
    notes: ['office365-smtp-auth', 'office365-basic-auth-retirement'],
    domains: [],
    mx: ['.mail.protection.outlook.com'],
    featured: true,
    source: 'Microsoft Learn, "How to set up a multifunction device or application to send email using Microsoft 365"; ISPDB office365.com.xml',
  },
  {
    id: 'gmail',
    name: 'Gmail',
    host: 'smtp.gmail.com',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: ['gmail-app-password'],
    domains: ['gmail.com', 'googlemail.com'],
    mx: ['.google.com', '.googlemail.com'],
    featured: true,
    source: 'Google Account help 185833 (app passwords); ISPDB googlemail.com.xml',
  },
  {
    id: 'google-workspace-relay',
    name: 'Google Workspace relay',
    host: 'smtp-relay.gmail.com',
    port: 587,
    encryption: 'tls',
    authMethod: 'ip-whitelist',
    modes: ['relay'],
    usernameHint: 'none',
    notes: ['gmail-relay-domain'],
    domains: [],
    mx: ['.google.com', '.googlemail.com'],
    featured: true,
    source: 'Google Workspace Admin help 2956491 (SMTP relay service)',
  },
];

export const presetById = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);
