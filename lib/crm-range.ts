import IPCIDR from 'ip-cidr';
import type { Finding } from './findings';
import { isIPv4 } from './host';
import { DEFAULT_CRM_RANGE } from './prefs';

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

/** Mail servers we give a ready-made snippet for. */
export const SNIPPET_KINDS = ['postfix', 'exchange', 'office365', 'google-workspace', 'exim', 'hmailserver'] as const;
export type SnippetKind = (typeof SNIPPET_KINDS)[number];

export interface RangeSnippet {
  kind: SnippetKind;
  /** Product name; the same in every language. */
  label: string;
  /** What to copy: a config line, a command, or the values for a form. */
  text: string;
  /** A finding that must be shown with this snippet (Microsoft 365's exclusive-IP condition). */
  caveat?: Finding;
}

/**
 * Copyable allowlist snippets for each server type. Instructions around them (where the file is, which
 * console page) live in the i18n catalogue lib/i18n/crm-range.ts under `snippet.<kind>`.
 */
export function rangeSnippets(range: Pick<CrmRange, 'canonical' | 'first' | 'last'>, name = 'PerfectView CRM'): RangeSnippet[] {
  const { canonical, first, last } = range;
  // Goes inside a double-quoted PowerShell string: no quotes, $ (subexpressions) or backticks (escapes).
  const ps = name.replace(/[^\w .-]/g, '');
  return [
    {
      kind: 'postfix',
      label: 'Postfix',
      // Postfix warns about (or, with strict settings, refuses) a range with host bits set: always canonical.
      text: `# /etc/postfix/main.cf: keep your existing entries and add the CRM range\nmynetworks = 127.0.0.0/8 [::1]/128 ${canonical}`,
    },
    {
      kind: 'exchange',
      label: 'Exchange Server',
      text: [
        `New-ReceiveConnector -Name "${ps}" -TransportRole FrontendTransport -Custom -Bindings 0.0.0.0:25 -RemoteIPRanges ${canonical} -PermissionGroups AnonymousUsers`,
        `Get-ReceiveConnector "${ps}" | Add-ADPermission -User "NT AUTHORITY\\ANONYMOUS LOGON" -ExtendedRights "Ms-Exch-SMTP-Accept-Any-Recipient"`,
        `# or, on an existing relay connector:`,
        `Set-ReceiveConnector -Identity "<Server>\\<Connector>" -RemoteIPRanges @{Add="${canonical}"}`,
      ].join('\n'),
    },
    {
      kind: 'office365',
      label: 'Microsoft 365',
      text: `New-InboundConnector -Name "${ps}" -ConnectorType OnPremises -SenderDomains * -SenderIPAddresses ${canonical} -RestrictDomainsToIPAddresses $true`,
      caveat: { code: 'office365-relay-connector', severity: 'warning', variant: 'connector' },
    },
    {
      kind: 'google-workspace',
      label: 'Google Workspace',
      // Not code: the values to enter in Admin console › Apps › Google Workspace › Gmail › Routing › SMTP relay service.
      text: [
        'Allowed senders: Only addresses in my domains',
        `Only accept mail from the specified IP addresses: ${canonical}`,
        'Require TLS encryption: on',
      ].join('\n'),
    },
    {
      kind: 'exim',
      label: 'Exim',
      text: `# exim.conf (Debian: /etc/exim4/conf.d/main/ or update-exim4.conf.conf dc_relay_nets)\nhostlist relay_from_hosts = localhost : ${canonical}`,
    },
    {
      kind: 'hmailserver',
      label: 'hMailServer',
      // hMailServer takes a lower and an upper address, not a prefix.
      text: [`Name: ${name}`, `Lower IP: ${first}`, `Upper IP: ${last}`, 'Allow deliveries from: External to external e-mail addresses', 'Require SMTP authentication: off for this range'].join('\n'),
    },
  ];
}
