import { normalizeHost } from './host-name';
import { OFFICE365_MX_DOMAINS, PRESETS, providerDomains, type Preset } from './presets';
import { spfIncludes } from './spf';

// Which provider a customer is at, from what we know: an address, the SMTP host, the MX hosts (lib/presets.ts holds the table).

/** Whether a host is one of a Microsoft 365 tenant's MX endpoints (Direct Send / connector, not SMTP AUTH). */
export const isOffice365MxHost = (host: string) => {
  const h = normalizeHost(host);
  return OFFICE365_MX_DOMAINS.some((d) => h.endsWith(`.${d}`));
};

/**
 * The domain list entry an MX host falls under: its parents, longest first, down to the registrable domain
 * (two labels), the first that appears in any preset's list. contoso-com.mail.protection.outlook.com finds
 * mail.protection.outlook.com before outlook.com; mx.kpnmail.nl finds kpnmail.nl. Thunderbird does the same
 * with its MX host's base domain against the ISPDB domain lists.
 */
export function mxProviderDomain(mxHost: string): string | undefined {
  const labels = normalizeHost(mxHost).split('.').filter(Boolean);
  for (let i = 1; i <= labels.length - 2; i++) {
    const d = labels.slice(i).join('.');
    if (PRESETS.some((p) => providerDomains(p).includes(d))) return d;
  }
  return undefined;
}

export interface DetectInput {
  /** An address of the organisation (the admin's own, or the "Van" address). */
  email?: string;
  /** What is in Hostnaam now. */
  host?: string;
  /** The address domain's MX host names (from the backend's discover). */
  mx?: readonly string[];
  /** The domain's SPF record (from the backend's discover): read only when no MX host names a provider. */
  spf?: string;
}

export type DetectReason = 'domain' | 'host' | 'mx' | 'spf';
export interface DetectedPreset {
  preset: Preset;
  /** What matched; the strongest first ('host' > 'domain' > 'mx', 'spf'). */
  reasons: DetectReason[];
}

/**
 * Presets that fit what we know: the address domain (gmail.com, xs4all.nl), the exact SMTP host, or the MX
 * hosts' domain looked up in every preset's domain list (a variant without domains of its own inherits its
 * main preset's), so any own domain hosted by Microsoft 365, Google or KPN is recognised by its MX alone.
 * Best match first; presets with the same score keep table order (featured entries come first there).
 * Never throws: any field may be missing or of the wrong type.
 */
export function detectProvider(given: DetectInput): DetectedPreset[] {
  const input: DetectInput = given && typeof given === 'object' ? given : {};
  const at = typeof input.email === 'string' ? input.email.lastIndexOf('@') : -1;
  const domain = at >= 0 ? normalizeHost(input.email!.slice(at + 1)) : '';
  const host = typeof input.host === 'string' ? normalizeHost(input.host) : '';
  const mx = Array.isArray(input.mx) ? input.mx.filter((m): m is string => typeof m === 'string').map(normalizeHost) : [];
  const mxDomains = new Set(mx.map(mxProviderDomain).filter((d): d is string => !!d));
  // The MX points at no known provider (a filtering service such as Mimecast, or an own server): the SPF record
  // may still say which provider sends the domain's mail. The include belongs to the main preset of a family.
  const spf = mxDomains.size === 0 && typeof input.spf === 'string' ? input.spf : '';
  const spfFamilies = new Set(PRESETS.filter((p) => p.spfInclude && spfIncludes(spf, p.spfInclude)).map((p) => p.id));
  const weight: Record<DetectReason, number> = { host: 4, domain: 2, mx: 1, spf: 1 };

  const hits: DetectedPreset[] = [];
  for (const preset of PRESETS) {
    const reasons: DetectReason[] = [];
    if (host !== '' && host === preset.host) reasons.push('host');
    if (domain && preset.domains.includes(domain)) reasons.push('domain');
    if (providerDomains(preset).some((d) => mxDomains.has(d))) reasons.push('mx');
    if (spfFamilies.has(preset.variantOf ?? preset.id)) reasons.push('spf');
    if (reasons.length) hits.push({ preset, reasons });
  }
  // A consumer service (its own address domains, e.g. gmail.com) ranks below its business variant when only
  // the MX matched an own domain: such a domain wants Workspace relay or smtppro, not the consumer host.
  const consumerOnly = (h: DetectedPreset) => {
    const main = h.preset.variantOf ?? h.preset.id;
    return h.preset.domains.length > 0 && !h.reasons.includes('domain') && !h.reasons.includes('host') && PRESETS.some((p) => p.variantOf === main && p.domains.length === 0);
  };
  // A known mailbox domain (gmail.com, xs4all.nl) is definitive: MX- or SPF-only matches (Workspace relay) don't apply to it.
  const byDomain = hits.some((h) => h.reasons.includes('domain'));
  const relevant = byDomain ? hits.filter((h) => h.reasons.some((r) => r !== 'mx' && r !== 'spf')) : hits;
  const score = (h: DetectedPreset) => 2 * h.reasons.reduce((n, r) => n + weight[r], 0) - (consumerOnly(h) ? 1 : 0);
  return relevant.sort((a, b) => score(b) - score(a));
}
