import IPCIDR from 'ip-cidr';
import type { Finding } from './findings';
import { isIPv4 } from './host';
import { DEFAULT_CRM_RANGE } from './prefs';
import { checkMailDomain } from './validation-input';
import { crmRangeMessages } from './i18n/crm-range';
import type { Lang } from './i18n/define';

// The only file that imports ip-cidr: the popup must not bundle it (checked by lib/conventions.test.ts).

/** The CRM's sending range in every form a mail server admin needs. */
export interface CrmRange {
  /** What was given, trimmed (the CRM shows 212.61.168.1/27). */
  input: string;
  /** Network notation: host bits cleared (212.61.168.0/27). */
  canonical: string;
  prefix: number;
  first: string;
  last: string;
  count: number;
  /** Whether the input already was the network notation. */
  isCanonical: boolean;
  contains(ip: string): boolean;
}

export type CrmRangeResult =
  | { ok: true; range: CrmRange; findings: Finding[] }
  | { ok: false; problem: 'empty' | 'ipv6' | 'no-prefix' | 'invalid'; findings: Finding[] };

const CIDR4 = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/;

/**
 * Parses an IPv4 range "address/prefix" (default: the CRM's). Never throws: bad input gives
 * `crm-range-invalid`, a range with host bits set gives `crm-range-non-canonical` (info, with the fix).
 */
export function parseCrmRange(raw: unknown = DEFAULT_CRM_RANGE): CrmRangeResult {
  const input = typeof raw === 'string' ? raw.trim() : '';
  const invalid = (problem: 'empty' | 'ipv6' | 'no-prefix' | 'invalid'): CrmRangeResult => ({
    ok: false,
    problem,
    findings: [{ code: 'crm-range-invalid', severity: 'error', field: 'crmRange', variant: problem, params: { input: input.slice(0, 60) } }],
  });
  if (input === '') return invalid('empty');
  if (input.includes(':')) return invalid('ipv6');
  // A bare address is one host; we still want the admin to say so explicitly (…/32), as the servers do.
  if (isIPv4(input)) return invalid('no-prefix');
  const m = CIDR4.exec(input);
  if (!m || !isIPv4(m[1]!) || Number(m[2]) > 32) return invalid('invalid');

  let cidr: IPCIDR;
  try {
    cidr = new IPCIDR(input);
  } catch {
    return invalid('invalid');
  }
  const prefix = Number(m[2]);
  const first = String(cidr.start());
  const last = String(cidr.end());
  const canonical = `${first}/${prefix}`;
  const range: CrmRange = {
    input,
    canonical,
    prefix,
    first,
    last,
    count: Number(cidr.size),
    isCanonical: input === canonical,
    // Strict dotted quads only: ip-address would also read "212.61.168.010" in its own way.
    contains: (ip: string) => typeof ip === 'string' && isIPv4(ip.trim()) && cidr.contains(ip.trim()),
  };
  const findings: Finding[] = range.isCanonical
    ? []
    : [{ code: 'crm-range-non-canonical', severity: 'info', field: 'crmRange', params: { input, canonical, first, last } }];
  return { ok: true, range, findings };
}

/**
 * Mail servers we give a ready-made snippet for. No Microsoft 365 snippet: Microsoft allows no connector
 * (IP-based or certificate-based) for a third-party range shared by other tenants (PROVIDERS.md, corrections);
 * for Microsoft 365 the CRM logs in (smtp.office365.com, "Gebruikersnaam en wachtwoord").
 */
export const SNIPPET_KINDS = ['postfix', 'exchange', 'google-workspace', 'exim', 'hmailserver'] as const;
export type SnippetKind = (typeof SNIPPET_KINDS)[number];

export interface RangeSnippet {
  kind: SnippetKind;
  /** Product name; the same in every language. */
  label: string;
  /** What to copy: config lines, commands, or the values for a form; comments in the UI language. */
  text: string;
}

export interface SnippetOptions {
  /**
   * The customer's own mail domain(s): the only senders the range may relay for. The range is shared by every
   * CRM customer, so an allowlist on the range alone would let all of them send as anyone through this server.
   */
  domains?: readonly string[];
  lang?: Lang;
  /** The connector / rule name (PowerShell, hMailServer). */
  name?: string;
}

/** The domains as typed ("a.nl, b.nl" or one per line): each checked; bad ones come back as domain-invalid findings. */
export function parseSenderDomains(raw: unknown): { domains: string[]; findings: Finding[] } {
  const parts = typeof raw === 'string' ? raw.split(/[\s,;]+/).filter(Boolean) : [];
  const domains: string[] = [];
  const findings: Finding[] = [];
  for (const p of parts.slice(0, 20)) {
    const d = checkMailDomain(p.replace(/^@/, ''));
    if (d) {
      if (!domains.includes(d)) domains.push(d);
    } else findings.push({ code: 'domain-invalid', severity: 'error', field: 'domain', params: { value: p.slice(0, 60) } });
  }
  return { domains, findings };
}

/**
 * Copyable allowlist snippets for each server type. Every one of them also restricts the senders to the
 * customer's domain(s) (lib/crm-range.test.ts fails on a snippet that trusts the range alone):
 * - Postfix: a restriction class for clients in the range with check_sender_access on the domains, the range
 *   not in mynetworks;
 * - Exchange: a receive connector scoped to the range plus a transport rule that rejects other sender domains
 *   from the range;
 * - Google Workspace relay: "Only addresses in my domains" (Google Workspace Admin help 2956491);
 * - Exim: an ACL with sender_domains for the range, the range not in relay_from_hosts;
 * - hMailServer: deliveries from local addresses only, never "External to external" (hMailServer documentation,
 *   reference_iprange: it "allows anyone (including spammers)").
 * Where the file is and which console page: the i18n catalogue lib/i18n/crm-range.ts, `snippet.<kind>`.
 */
export function rangeSnippets(range: Pick<CrmRange, 'canonical' | 'first' | 'last'>, options: SnippetOptions = {}): RangeSnippet[] {
  const { canonical, first, last } = range;
  const lang = options.lang ?? 'nl';
  const c = (key: keyof (typeof crmRangeMessages)['nl']) => crmRangeMessages[lang][key];
  const domains = options.domains?.length ? [...options.domains] : [c('placeholder.domain')];
  const name = options.name ?? 'PerfectView CRM';
  // Goes inside a double-quoted PowerShell string: no quotes, $ (subexpressions) or backticks (escapes).
  const ps = name.replace(/[^\w .-]/g, '');
  // Exim lists and Postfix maps take the domains as typed; checkMailDomain already allows only [a-z0-9.-].
  return [
    {
      kind: 'postfix',
      label: 'Postfix',
      // Postfix warns about (or, with strict settings, refuses) a range with host bits set: always canonical.
      text: [
        `# /etc/postfix/main.cf — ${c('comment.postfix.main')}`,
        'smtpd_restriction_classes = crm_senders',
        'crm_senders = check_sender_access hash:/etc/postfix/crm_sender_domains, reject',
        `# ${c('comment.postfix.relay')}`,
        'smtpd_relay_restrictions = permit_sasl_authenticated, check_client_access cidr:/etc/postfix/crm_clients.cidr, permit_mynetworks, reject_unauth_destination',
        '',
        `# /etc/postfix/crm_clients.cidr — ${c('comment.postfix.clients')}`,
        `${canonical} crm_senders`,
        '',
        `# /etc/postfix/crm_sender_domains — ${c('comment.postfix.domains')}`,
        ...domains.map((d) => `${d} OK`),
      ].join('\n'),
    },
    {
      kind: 'exchange',
      label: 'Exchange Server',
      text: [
        `# ${c('comment.exchange.connector')}`,
        `New-ReceiveConnector -Name "${ps}" -TransportRole FrontendTransport -Custom -Bindings 0.0.0.0:25 -RemoteIPRanges ${canonical} -PermissionGroups AnonymousUsers`,
        `Get-ReceiveConnector "${ps}" | Add-ADPermission -User "NT AUTHORITY\\ANONYMOUS LOGON" -ExtendedRights "Ms-Exch-SMTP-Accept-Any-Recipient"`,
        `# ${c('comment.exchange.rule')}`,
        `New-TransportRule -Name "${ps}: ${c('comment.exchange.ruleName')}" -SenderIpRanges ${canonical} -SenderAddressLocation HeaderOrEnvelope -ExceptIfSenderDomainIs ${domains.map((d) => `"${d}"`).join(',')} -RejectMessageEnhancedStatusCode "5.7.1" -RejectMessageReasonText "Sender domain not allowed from this range"`,
      ].join('\n'),
    },
    {
      kind: 'google-workspace',
      label: 'Google Workspace',
      // Not code: the values to enter in Beheerdersconsole › Apps › Google Workspace › Gmail › Routering › SMTP-relayservice.
      text: [
        `${c('google.allowed')}: ${c('google.onlyMyDomains')}`,
        `${c('google.onlyIps')}: ${canonical}`,
        `${c('google.requireTls')}: ${c('google.on')}`,
        `# ${c('comment.google.domains')}`,
      ].join('\n'),
    },
    {
      kind: 'exim',
      label: 'Exim',
      text: [
        `# ${c('comment.exim.main')}`,
        `hostlist crm_hosts = ${canonical}`,
        `domainlist crm_sender_domains = ${domains.join(' : ')}`,
        '',
        `# ${c('comment.exim.acl')}`,
        'accept  hosts          = +crm_hosts',
        '        sender_domains = +crm_sender_domains',
        'deny    hosts          = +crm_hosts',
        '        message        = Relay from this range only for senders in our own domains',
      ].join('\n'),
    },
    {
      kind: 'hmailserver',
      label: 'hMailServer',
      // hMailServer takes a lower and an upper address, not a prefix.
      text: [
        `Name: ${name}`,
        `Lower IP: ${first}`,
        `Upper IP: ${last}`,
        'Allow deliveries from: Local to local e-mail addresses = on',
        'Allow deliveries from: Local to external e-mail addresses = on',
        'Allow deliveries from: External to local e-mail addresses = off',
        'Allow deliveries from: External to external e-mail addresses = off',
        'Require SMTP authentication: off for Local to local and Local to external',
        `# ${c('comment.hmail')}`,
      ].join('\n'),
    },
  ];
}
