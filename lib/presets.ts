import type { Encryption, AuthMethod, Mode, SettingsDraft } from './settings';
import type { FindingCode } from './findings';

/**
 * Provider presets: data, one table. Each entry names its source (provider documentation or the
 * Thunderbird ISPDB file, repository thunderbird/autoconfig, folder ispdb/) and the address domains /
 * MX patterns that identify the provider. lib/presets.test.ts validates every entry against SmtpSettings.
 */
export interface Preset {
  id: string;
  /** Button label, the provider's own name ("Office 365", "Gmail"). */
  name: string;
  /** The SMTP host; for a per-tenant host (see hostFrom) an example that shows the pattern. */
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
  /** The host depends on the admin's domain (Microsoft 365's MX endpoint); resolved by presetHost. */
  hostFrom?: 'office365-mx';
  /** Same provider, other port (Gmail 465): the id of the preset this one is a variant of. */
  variantOf?: string;
  /**
   * false: only public configuration code backs the values, no provider page we could read;
   * the UI should say "check with your provider" and a live probe should confirm before filling.
   */
  verified?: boolean;
}

/** The MX suffixes of Exchange Online: the classic one, and mx.microsoft (DNSSEC, domains added since 2024). */
export const OFFICE365_MX = ['.mail.protection.outlook.com', '.mx.microsoft'] as const;
const GOOGLE_MX = ['.google.com', '.googlemail.com'] as const;
const KPN_DOMAINS = ['kpnmail.nl', 'kpnplanet.nl', 'planet.nl', 'hetnet.nl', 'xs4all.nl', 'telfort.nl', 'wxs.nl', 'freeler.nl', 'tiscali.nl', 'tiscalimail.nl'] as const;
const ZIGGO_DOMAINS = ['ziggo.nl', 'ziggomail.com', 'home.nl', 'chello.nl', 'upcmail.nl', 'casema.nl', 'quicknet.nl', 'zinders.nl', 'multiweb.nl'] as const;
const OUTLOOK_COM_DOMAINS = ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'hotmail.nl', 'live.nl', 'outlook.be', 'hotmail.be', 'live.be', 'windowslive.com'] as const;

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
    // No address domains: tenants use their own; *.onmicrosoft.com addresses have a Microsoft MX anyway.
    domains: [],
    mx: OFFICE365_MX,
    featured: true,
    source: 'Microsoft Learn, "How to set up a multifunction device or application to send email using Microsoft 365"; ISPDB office365.com.xml',
  },
  {
    id: 'office365-connector',
    name: 'Office 365 connector',
    // Example only: presetHost derives the tenant's own host from its domain or, better, its MX record.
    host: 'contoso-com.mail.protection.outlook.com',
    hostFrom: 'office365-mx',
    port: 25,
    encryption: 'tls',
    authMethod: 'ip-whitelist',
    modes: ['relay'],
    usernameHint: 'none',
    notes: ['office365-relay-connector'],
    domains: [],
    mx: OFFICE365_MX,
    source:
      'Microsoft Learn, "How to set up a multifunction device or application to send email using Microsoft 365" (option 3, SMTP relay: MX endpoint, port 25, connector; sending IPs must belong exclusively to your organisation); ISPDB office365.com.xml (MX mail.protection.outlook.com)',
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
    mx: GOOGLE_MX,
    featured: true,
    source: 'Google Account help 185833 (app passwords); ISPDB googlemail.com.xml (smtp.gmail.com 587 STARTTLS and 465 SSL)',
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
    notes: ['gmail-app-password', 'ssl-legacy'],
    domains: ['gmail.com', 'googlemail.com'],
    mx: GOOGLE_MX,
    variantOf: 'gmail',
    source: 'ISPDB googlemail.com.xml (smtp.gmail.com 465 SSL); Google Account help 185833 (app passwords)',
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
    mx: GOOGLE_MX,
    featured: true,
    source: 'Google Workspace Admin help 2956491 (SMTP relay service)',
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
    domains: OUTLOOK_COM_DOMAINS,
    mx: ['.olc.protection.outlook.com'],
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
    domains: ['icloud.com', 'me.com', 'mac.com'],
    mx: ['.mail.icloud.com'],
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
    notes: ['app-password', 'ssl-legacy'],
    domains: ['yahoo.com', 'yahoo.co.uk', 'yahoo.de', 'yahoo.fr', 'ymail.com', 'rocketmail.com'],
    mx: ['.yahoodns.net'],
    source: 'ISPDB yahoo.com.xml (smtp.mail.yahoo.com 465 SSL, also 587 STARTTLS; MX yahoodns.net); Yahoo help "Generate and manage third-party app passwords"',
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
    mx: ['.zoho.com'],
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
    mx: ['.zoho.eu'],
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
    notes: [],
    domains: [],
    mx: ['.zoho.com'],
    variantOf: 'zoho',
    source: 'Zoho Mail help "SMTP Server Configuration" (zoho-smtp.html): organisation users with their own domain use smtppro.zoho.com, 465 SSL or 587 TLS',
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
    notes: [],
    domains: [],
    mx: ['.zoho.eu'],
    variantOf: 'zoho-eu',
    source: 'Zoho Mail help "SMTP Server Configuration" (zoho-smtp.html): organisation users in the EU data centre use smtppro.zoho.eu, 465 SSL or 587 TLS',
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
    mx: [],
    source: 'ISPDB kpnmail.nl.xml (smtp.kpnmail.nl 465 SSL and 587 STARTTLS, full address; domains incl. xs4all.nl, planet.nl, hetnet.nl, telfort.nl, kpnplanet.nl)',
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
    mx: [],
    source: 'ISPDB ziggo.nl.xml (smtp.ziggo.nl 587 STARTTLS, full address; domains incl. home.nl, chello.nl, upcmail.nl, casema.nl, quicknet.nl)',
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
    domains: ['strato.de'],
    mx: ['.rzone.de'],
    source: 'ISPDB strato.de.xml (smtp.strato.de 465 SSL and 587 STARTTLS; hosting customers\' MX under rzone.de)',
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
    notes: ['ssl-legacy'],
    domains: ['one.com'],
    mx: ['.one.com'],
    source: 'ISPDB one.com.xml (send.one.com 465 SSL, full address); MX mx01.one.com / mx02.one.com as seen in public DNS configuration',
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
    notes: ['ssl-legacy'],
    domains: [],
    mx: ['.transip.email'],
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
    mx: [],
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
    notes: ['ssl-legacy'],
    domains: [],
    mx: [],
    verified: false,
    source:
      'Not in ISPDB; public configuration code for Antagonist mailboxes uses mail.antagonist.nl 465 SSL (also 587 STARTTLS) with the full address. Check Antagonist\'s help ("E-mail instellen") before relying on it.',
  },
];

export const presetById = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);

/**
 * Microsoft 365's MX host for a domain: dots become dashes (contoso.com → contoso-com.mail.protection.outlook.com;
 * my-company.co.uk → my-company-co-uk…). Domains added since 2024 may get a *.mx.microsoft host instead,
 * which cannot be derived; so the real MX record wins whenever it is known (see presetHost).
 */
export function hostFromDomain(domain: string): string | undefined {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) return undefined;
  return `${d.replace(/\./g, '-')}.mail.protection.outlook.com`;
}

const lower = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');
const endsWithSuffix = (host: string, suffix: string) => host.endsWith(suffix) && host.length > suffix.length;

/** The host to fill for a preset: fixed, or derived for this tenant (real MX first, then the domain); '' if unknown. */
export function presetHost(preset: Preset, ctx: { domain?: string; mx?: readonly string[] } = {}): string {
  if (preset.hostFrom !== 'office365-mx') return preset.host;
  const fromMx = (ctx.mx ?? []).map(lower).find((h) => OFFICE365_MX.some((s) => endsWithSuffix(h, s)));
  if (fromMx) return fromMx;
  return (ctx.domain && hostFromDomain(ctx.domain)) || '';
}

export interface DetectInput {
  /** An address of the organisation (the admin's own, or the "Van" address). */
  email?: string;
  /** What is in Hostnaam now. */
  host?: string;
  /** The address domain's MX host names (from the backend's discover). */
  mx?: readonly string[];
}

export type DetectReason = 'domain' | 'host' | 'mx';
export interface DetectedPreset {
  preset: Preset;
  /** What matched; the strongest first ('host' > 'domain' > 'mx'). */
  reasons: DetectReason[];
}

/**
 * Presets that fit what we know: the address domain (gmail.com, xs4all.nl), the exact SMTP host,
 * or an MX suffix, so any own domain hosted by Microsoft 365 or Google is recognised by its MX alone.
 * Best match first; presets with the same score keep table order (featured entries come first there).
 * Never throws: any field may be missing or of the wrong type.
 */
export function detectProvider(given: DetectInput): DetectedPreset[] {
  const input: DetectInput = given && typeof given === 'object' ? given : {};
  const at = typeof input.email === 'string' ? input.email.lastIndexOf('@') : -1;
  const domain = at >= 0 ? lower(input.email!.slice(at + 1)) : '';
  const host = typeof input.host === 'string' ? lower(input.host) : '';
  const mx = Array.isArray(input.mx) ? input.mx.filter((m): m is string => typeof m === 'string').map(lower) : [];
  const weight: Record<DetectReason, number> = { host: 4, domain: 2, mx: 1 };

  const hits: DetectedPreset[] = [];
  for (const preset of PRESETS) {
    const reasons: DetectReason[] = [];
    const ownHost = preset.hostFrom === 'office365-mx' ? OFFICE365_MX.some((s) => endsWithSuffix(host, s)) : host !== '' && host === preset.host;
    if (ownHost) reasons.push('host');
    if (domain && preset.domains.includes(domain)) reasons.push('domain');
    if (mx.some((m) => preset.mx.some((s) => endsWithSuffix(m, s)))) reasons.push('mx');
    if (reasons.length) hits.push({ preset, reasons });
  }
  // A consumer service (its own address domains, e.g. gmail.com) ranks below a business preset when only
  // the MX matched an own domain: such a domain wants Workspace relay or smtppro, not the consumer host.
  const consumerOnly = (h: DetectedPreset) => h.preset.domains.length > 0 && !h.reasons.includes('domain') && !h.reasons.includes('host');
  // A known mailbox domain (gmail.com, xs4all.nl) is definitive: MX-only matches (Workspace relay) don't apply to it.
  const byDomain = hits.some((h) => h.reasons.includes('domain'));
  const relevant = byDomain ? hits.filter((h) => h.reasons.some((r) => r !== 'mx')) : hits;
  const score = (h: DetectedPreset) => 2 * h.reasons.reduce((n, r) => n + weight[r], 0) - (consumerOnly(h) ? 1 : 0);
  return relevant.sort((a, b) => score(b) - score(a));
}

/** A draft for the CRM form from a preset; the password is left for the admin to type. */
export function presetToDraft(preset: Preset, ctx: { email?: string; domain?: string; mx?: readonly string[] } = {}): SettingsDraft {
  const email = ctx.email?.trim() ?? '';
  const domain = ctx.domain ?? (email.includes('@') ? email.slice(email.lastIndexOf('@') + 1) : undefined);
  const draft: SettingsDraft = {
    host: presetHost(preset, { domain, mx: ctx.mx }),
    port: preset.port,
    encryption: preset.encryption,
    authMethod: preset.authMethod,
    mode: preset.modes[0],
  };
  if (preset.authMethod === 'password') draft.username = preset.usernameHint === 'full-address' ? email : '';
  return draft;
}
