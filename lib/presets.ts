import type { Encryption, AuthMethod, Mode, SettingsDraft } from './settings';
import type { FindingCode } from './findings';
import { normalizeHost } from './host-name';

/**
 * Provider presets: data, one table. Each entry names its source (provider documentation or the
 * Thunderbird ISPDB file, repository thunderbird/autoconfig, folder ispdb/) and the provider's domain list
 * (address domains and the domains its MX hosts live under), as ISPDB does. lib/presets.test.ts validates every entry against SmtpSettings.
 */
export interface Preset {
  id: string;
  /** Button label, the provider's own name ("Office 365", "Gmail"). */
  name: string;
  /** The SMTP host. */
  host: string;
  port: number;
  encryption: Encryption;
  authMethod: AuthMethod;
  /** Modes this preset fits; the first is the default. */
  modes: readonly Mode[];
  /** What goes in Gebruikersnaam: the full address, the part before the @, or a service account. */
  usernameHint: 'full-address' | 'local-part' | 'service-account' | 'none';
  /** Finding codes that always apply to this provider (the UI shows their text with the preset). */
  notes: readonly FindingCode[];
  /**
   * The provider's domain list, as in ISPDB: the address domains of its mailboxes (gmail.com, xs4all.nl)
   * and the domains its inbound servers live under (mail.protection.outlook.com). detectProvider looks an
   * MX host's domain up in these lists, the way Thunderbird does; there is no per-preset MX pattern.
   */
  domains: readonly string[];
  /** Shown first, as a button, in the popup and wizard. */
  featured?: boolean;
  /** Where the values come from. */
  source: string;
  /**
   * Same provider, another port or route (Gmail 465, Zoho for own domains, Workspace relay): the id of the
   * main preset. A variant without domains of its own is found through its main preset's domain list.
   */
  variantOf?: string;
  /** Other ports the provider documents for this host, with their encryption (so a fix can keep the admin's choice). */
  alsoPorts?: readonly { port: number; encryption: Encryption }[];
  /**
   * What the provider's SPF record tells senders to include (its own set-up pages): a domain whose SPF names it
   * has the provider send its mail, also when the MX points at a filtering service in front of it.
   */
  spfInclude?: string;
  /**
   * false: only public configuration code backs the values, no provider page we could read;
   * the UI should say "check with your provider" and a live probe should confirm before filling.
   */
  verified?: boolean;
}

// ISPDB googlemail.com.xml lists gmail.com, googlemail.com and google.com; Google's MX hosts (aspmx.l.google.com,
// smtp.google.com, aspmx2.googlemail.com) live under the last two.
const GOOGLE_DOMAINS = ['gmail.com', 'googlemail.com', 'google.com'] as const;
// ISPDB kpnmail.nl.xml (all of its domains).
const KPN_DOMAINS = [
  'kpnmail.nl', 'kpnplanet.nl', 'planet.nl', 'hetnet.nl', 'xs4all.nl', 'telfort.nl', 'wxs.nl', 'freeler.nl', 'tiscali.nl', 'tiscalimail.nl',
  'snelnet.net', 'on.nl', 'onsbrabantnet.nl', 'onsmail.nl', 'onsnet.nu', 'onsneteindhoven.nl', 'onsnetnuenen.nl', 'tip.nl',
] as const;
// ISPDB ziggo.nl.xml (all of its domains).
const ZIGGO_DOMAINS = [
  'ziggo.nl', 'ziggomail.com', 'home.nl', 'chello.nl', 'upcmail.nl', 'casema.nl', 'quicknet.nl', 'zinders.nl', 'multiweb.nl',
  'zeggis.nl', 'zeggis.com', 'razcall.nl', 'razcall.com', 'hahah.nl',
] as const;
const OUTLOOK_COM_DOMAINS = ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'hotmail.nl', 'live.nl', 'outlook.be', 'hotmail.be', 'live.be', 'windowslive.com'] as const;

/**
 * The Exchange Online MX endpoints of a tenant: <domain>.mail.protection.outlook.com (ISPDB office365.com.xml lists
 * mail.protection.outlook.com as a domain) and, for domains added since 2024, <domain>.<x>.mx.microsoft.
 */
export const OFFICE365_MX_DOMAINS = ['mail.protection.outlook.com', 'mx.microsoft'] as const;

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
    // Tenants use their own address domains; their MX endpoints are what identifies Microsoft 365.
    domains: OFFICE365_MX_DOMAINS,
    // Microsoft Learn (SPF for Microsoft 365 domains: v=spf1 … include:spf.protection.outlook.com …).
    spfInclude: 'spf.protection.outlook.com',
    alsoPorts: [{ port: 25, encryption: 'tls' }],
    featured: true,
    // The CRM's route to Microsoft 365 is SMTP AUTH client submission. Not an IP or certificate connector: the
    // comparison of sending options says SMTP relay does not support "applications hosted by a third party", an IP
    // connector on a range shared with other tenants "may unexpectedly stop working" (MC1226222), and a certificate
    // connector needs a certificate in the tenant's own accepted domain, which the CRM's certificate is not.
    source:
      'Microsoft Learn, "How to set up a multifunction device or application to send email using Microsoft 365 or Office 365" (SMTP AUTH client submission: smtp.office365.com 587 STARTTLS or 25, licensed mailbox, full address; 465 not supported); basic-auth timeline: Exchange Team blog 27 January 2026 / MC786329; ISPDB office365.com.xml (smtp.office365.com 587 STARTTLS)',
  },
  {
    id: 'azure-communication-services',
    name: 'Azure Communication Services',
    host: 'smtp.azurecomm.net',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['relay'],
    usernameHint: 'service-account',
    notes: ['azure-smtp'],
    domains: [],
    source:
      'Microsoft Learn, Azure Communication Services Email, "Send email with SMTP" (smtp.azurecomm.net, port 587, STARTTLS; username = the SMTP username of an Entra application with access to the resource, password = that application\'s client secret; From = a MailFrom address of a verified domain connected to the resource); named as the alternative to basic-auth SMTP AUTH in MC786329',
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
    notes: ['gmail-app-password', 'gmail-from-rewrite'],
    domains: GOOGLE_DOMAINS,
    // Google Workspace Admin help (SPF for Google Workspace domains: include:_spf.google.com).
    spfInclude: '_spf.google.com',
    alsoPorts: [{ port: 465, encryption: 'ssl' }],
    featured: true,
    // 587 comes from Google's own help, not from ISPDB (googlemail.com.xml lists only 465 SSL).
    source:
      'Google Gmail help "Read Gmail messages on other email clients using POP" / "Set up IMAP": smtp.gmail.com 587 TLS (and 465 SSL); Google Account help 185833 (app passwords); From rewriting unless a verified "Send mail as" alias (seen in gophish#1311, decke/smtprelay#147)',
  },
  {
    id: 'gmail-465',
    name: 'Gmail (465)',
    host: 'smtp.gmail.com',
    port: 465,
    encryption: 'ssl',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: ['gmail-app-password', 'gmail-from-rewrite'],
    domains: GOOGLE_DOMAINS,
    alsoPorts: [{ port: 587, encryption: 'tls' }],
    variantOf: 'gmail',
    source: 'ISPDB googlemail.com.xml (smtp.gmail.com 465 SSL: the only outgoing server it lists); Google Account help 185833 (app passwords)',
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
    // Found through Gmail's domain list (own domains on Workspace have Google MX hosts).
    domains: [],
    variantOf: 'gmail',
    alsoPorts: [
      { port: 465, encryption: 'ssl' },
      { port: 25, encryption: 'tls' },
    ],
    featured: true,
    source:
      'Google Workspace Admin help 2956491 (SMTP relay service: smtp-relay.gmail.com, 587 or 465 with TLS, 25/465/587; allowed senders "Only addresses in my domains"; "Only accept mail from the specified IP addresses" and/or "Require SMTP Authentication")',
  },
  {
    id: 'outlook-com',
    name: 'Outlook.com',
    host: 'smtp-mail.outlook.com',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: ['oauth-only'],
    // Consumer MX hosts are *.olc.protection.outlook.com: under outlook.com.
    domains: OUTLOOK_COM_DOMAINS,
    source: 'ISPDB hotmail.com.xml (smtp-mail.outlook.com 587 STARTTLS, OAuth2 only); Microsoft support "POP, IMAP, and SMTP settings for Outlook.com"',
  },
  {
    id: 'icloud',
    name: 'iCloud',
    host: 'smtp.mail.me.com',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: ['app-password'],
    // MX hosts are mx0N.mail.icloud.com: under icloud.com.
    domains: ['icloud.com', 'me.com', 'mac.com'],
    source: 'ISPDB me.com.xml (smtp.mail.me.com 587 STARTTLS, full address); Apple support HT202304 (app-specific password)',
  },
  {
    id: 'yahoo',
    name: 'Yahoo',
    host: 'smtp.mail.yahoo.com',
    port: 465,
    encryption: 'ssl',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: ['app-password'],
    // yahoodns.net: the domain of Yahoo's MX hosts (mta5.am0.yahoodns.net in public DNS), so MX look-ups find Yahoo.
    domains: ['yahoo.com', 'yahoo.co.uk', 'yahoo.de', 'yahoo.fr', 'ymail.com', 'rocketmail.com', 'yahoodns.net'],
    source: 'ISPDB yahoo.com.xml (smtp.mail.yahoo.com 465 SSL: the only outgoing server it lists); Yahoo help "Generate and manage third-party app passwords"',
  },
  {
    id: 'zoho',
    name: 'Zoho',
    host: 'smtp.zoho.com',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: [],
    domains: ['zoho.com', 'zohomail.com'],
    alsoPorts: [{ port: 465, encryption: 'ssl' }],
    source: 'ISPDB zoho.com.xml (smtp.zoho.com 465 SSL and 587 STARTTLS); Zoho Mail help "SMTP Server Configuration" (zoho-smtp.html)',
  },
  {
    id: 'zoho-eu',
    name: 'Zoho (EU)',
    host: 'smtp.zoho.eu',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: [],
    domains: ['zoho.eu', 'zohomail.eu'],
    alsoPorts: [{ port: 465, encryption: 'ssl' }],
    source: 'ISPDB zoho.eu.xml (smtp.zoho.eu 465 SSL and 587 STARTTLS); Zoho Mail help "SMTP Server Configuration" (zoho-smtp.html)',
  },
  {
    id: 'zoho-pro',
    name: 'Zoho (eigen domein)',
    host: 'smtppro.zoho.com',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: ['zoho-pro'],
    domains: [],
    alsoPorts: [{ port: 465, encryption: 'ssl' }],
    variantOf: 'zoho',
    source:
      'Zoho Mail help "SMTP Server Configuration" (zoho-smtp.html): smtppro.zoho.com (465 SSL or 587 TLS) only for paid organisation accounts; the From must be the account or one of its aliases; app-specific password when 2FA is on',
  },
  {
    id: 'zoho-pro-eu',
    name: 'Zoho EU (eigen domein)',
    host: 'smtppro.zoho.eu',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: ['zoho-pro'],
    domains: [],
    alsoPorts: [{ port: 465, encryption: 'ssl' }],
    variantOf: 'zoho-eu',
    source:
      'Zoho Mail help "SMTP Server Configuration" (zoho-smtp.html): smtppro.zoho.eu (465 SSL or 587 TLS) only for paid organisation accounts in the EU data centre; the From must be the account or one of its aliases',
  },
  {
    id: 'kpn',
    name: 'KPN',
    host: 'smtp.kpnmail.nl',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: [],
    domains: KPN_DOMAINS,
    alsoPorts: [{ port: 465, encryption: 'ssl' }],
    source: 'ISPDB kpnmail.nl.xml (smtp.kpnmail.nl 465 SSL and 587 STARTTLS, full address; all its domains, xs4all.nl, planet.nl, hetnet.nl, telfort.nl, snelnet.net, onsbrabantnet.nl …)',
  },
  {
    id: 'ziggo',
    name: 'Ziggo',
    host: 'smtp.ziggo.nl',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox'],
    usernameHint: 'full-address',
    notes: [],
    domains: ZIGGO_DOMAINS,
    source: 'ISPDB ziggo.nl.xml (smtp.ziggo.nl 587 STARTTLS, full address; all its domains, home.nl, chello.nl, upcmail.nl, casema.nl, zeggis.nl …)',
  },
  {
    id: 'zeelandnet',
    name: 'ZeelandNet',
    host: 'mail.zeelandnet.nl',
    port: 465,
    encryption: 'ssl',
    authMethod: 'password',
    modes: ['mailbox'],
    // %EMAILLOCALPART% in ISPDB: here the full address is the wrong user name.
    usernameHint: 'local-part',
    notes: [],
    domains: ['zeelandnet.nl'],
    source: 'ISPDB zeelandnet.nl.xml (mail.zeelandnet.nl 465 SSL, username = the part before the @)',
  },
  {
    id: 'strato',
    name: 'Strato',
    host: 'smtp.strato.de',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox', 'relay'],
    usernameHint: 'full-address',
    notes: [],
    // rzone.de: the domain of the MX hosts of Strato hosting customers (shmx.rzone.de).
    domains: ['strato.de', 'rzone.de'],
    alsoPorts: [{ port: 465, encryption: 'ssl' }],
    source: 'ISPDB strato.de.xml (smtp.strato.de 465 SSL and 587 STARTTLS); hosting customers\' MX under rzone.de',
  },
  {
    id: 'one-com',
    name: 'one.com',
    host: 'send.one.com',
    port: 465,
    encryption: 'ssl',
    authMethod: 'password',
    modes: ['mailbox', 'relay'],
    usernameHint: 'full-address',
    notes: [],
    // MX mx1.one.com / mx2.one.com (public DNS) are under one.com.
    domains: ['one.com'],
    source: 'ISPDB one.com.xml (send.one.com 465 SSL, full address)',
  },
  {
    id: 'transip',
    name: 'TransIP',
    host: 'smtp.transip.email',
    port: 465,
    encryption: 'ssl',
    authMethod: 'password',
    modes: ['mailbox', 'relay'],
    usernameHint: 'full-address',
    notes: [],
    // MX mx.transip.email (public configuration code).
    domains: ['transip.email'],
    verified: false,
    source:
      'Not in ISPDB; public configuration code (nodemailer/PHPMailer setups for TransIP mailboxes) uses smtp.transip.email 465 SSL with the full address, MX mx.transip.email. Check the TransIP Kennisbank ("E-mail instellen") before relying on it.',
  },
  {
    id: 'hostnet',
    name: 'Hostnet',
    host: 'smtp.hostnet.nl',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox', 'relay'],
    usernameHint: 'full-address',
    notes: [],
    domains: [],
    verified: false,
    source:
      'Not in ISPDB; public configuration code for Hostnet mailboxes uses smtp.hostnet.nl 587 STARTTLS with the full address. Check Hostnet\'s help pages ("e-mail instellen") before relying on it.',
  },
  {
    id: 'antagonist',
    name: 'Antagonist',
    host: 'mail.antagonist.nl',
    port: 465,
    encryption: 'ssl',
    authMethod: 'password',
    modes: ['mailbox', 'relay'],
    usernameHint: 'full-address',
    notes: [],
    domains: [],
    verified: false,
    source:
      'Not in ISPDB; public configuration code for Antagonist mailboxes uses mail.antagonist.nl 465 SSL (also 587 STARTTLS) with the full address. Check Antagonist\'s help ("E-mail instellen") before relying on it.',
  },
  {
    id: 'combell',
    name: 'Combell',
    host: 'smtp-auth.mailprotect.be',
    port: 2525,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox', 'relay'],
    usernameHint: 'full-address',
    notes: [],
    domains: [],
    verified: false,
    source:
      'Not in ISPDB; third-party set-up guides for Combell mailboxes use smtp-auth.mailprotect.be port 2525 with STARTTLS and the full address. Check Combell\'s support pages ("e-mailprogramma instellen") before relying on it.',
  },
  {
    id: 'mijndomein',
    name: 'Mijndomein',
    host: 'smtp.mijndomein.nl',
    port: 587,
    encryption: 'tls',
    authMethod: 'password',
    modes: ['mailbox', 'relay'],
    usernameHint: 'full-address',
    notes: [],
    domains: [],
    verified: false,
    source:
      'Not in ISPDB; public configuration code for Mijndomein mailboxes uses smtp.mijndomein.nl 587 STARTTLS (also 465 SSL) with the full address. Check Mijndomein\'s klantenservice pages before relying on it.',
  },
  {
    id: 'hostinger',
    name: 'Hostinger',
    host: 'smtp.hostinger.com',
    port: 465,
    encryption: 'ssl',
    authMethod: 'password',
    modes: ['mailbox', 'relay'],
    usernameHint: 'full-address',
    notes: [],
    domains: [],
    verified: false,
    source:
      'Not in ISPDB; public configuration code for Hostinger mailboxes uses smtp.hostinger.com 465 SSL (also 587 STARTTLS) with the full address. Check Hostinger\'s help centre before relying on it.',
  },
];

export const presetById = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);

/** A host's domain without its first label, never shorter than two labels: smtp.hostnet.nl → hostnet.nl. */
function hostDomain(host: string): string {
  const labels = normalizeHost(host).split('.').filter(Boolean);
  return (labels.length > 2 ? labels.slice(1) : labels).join('.');
}

/**
 * The domains a provider's MX hosts may live under: its domain list (a variant without one has its main
 * preset's), plus the domain of its own SMTP host. A provider without an ISPDB file keeps its inbound servers
 * there too (mx1.hostnet.nl beside smtp.hostnet.nl); Thunderbird looks an MX host's base domain up the same way.
 */
export function providerDomains(p: Preset): readonly string[] {
  const list = p.domains.length === 0 && p.variantOf ? (presetById(p.variantOf)?.domains ?? []) : p.domains;
  const own = hostDomain(p.host);
  return list.includes(own) ? list : [...list, own];
}

/** The presets for an SMTP host (several when a provider has variants on one host, such as Gmail 587 and 465). */
export const presetsForHost = (host: string): Preset[] => {
  const h = normalizeHost(host);
  return h ? PRESETS.filter((p) => p.host === h) : [];
};

/** The user name a preset expects for an address: the address, the part before the @, or '' (a service account). */
function presetUsername(preset: Preset, email: string): string {
  if (preset.usernameHint === 'full-address') return email;
  if (preset.usernameHint === 'local-part') return email.includes('@') ? email.slice(0, email.lastIndexOf('@')) : email;
  return '';
}

/** A draft for the CRM form from a preset; the password is left for the admin to type. (domain and mx: accepted for callers, not needed since no preset derives its host.) */
export function presetToDraft(preset: Preset, ctx: { email?: string; domain?: string; mx?: readonly string[] } = {}): SettingsDraft {
  const email = ctx.email?.trim() ?? '';
  const draft: SettingsDraft = {
    host: preset.host,
    port: preset.port,
    encryption: preset.encryption,
    authMethod: preset.authMethod,
    mode: preset.modes[0],
  };
  if (preset.authMethod === 'password') draft.username = presetUsername(preset, email);
  return draft;
}
