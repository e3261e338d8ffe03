import { z } from 'zod/mini';
import type { Finding } from './findings';
import { checkHost } from './host';

/** Why a string is not one plain address; the UI shows one text (address-invalid), the variant helps tests and logs. */
export type AddressProblem = 'empty' | 'control' | 'whitespace' | 'angle' | 'list' | 'quote' | 'no-at' | 'multiple-at' | 'local' | 'domain' | 'too-long';

export type AddressCheck = { ok: true; address: string; local: string; domain: string } | { ok: false; problem: AddressProblem };

// RFC 5322 dot-atom, ASCII only: no quotes, comments, display names or group syntax can get through.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * Strict single plain address: `local@domain` and nothing else. Refuses display names, comments, quoted
 * local parts, lists, CR/LF/NUL and other controls (header injection), spaces inside, IP-literal domains.
 * Surrounding spaces are trimmed (a paste often has them). An IDN domain comes back as ASCII (bücher.de →
 * xn--bcher-kva.de), in lower case; the local part keeps its case (it may be case-sensitive on the server).
 * Shared by the extension and the backend (From/To of the validation mail). Never throws.
 */
export function parsePlainAddress(s: unknown): AddressCheck {
  if (typeof s !== 'string') return { ok: false, problem: 'empty' };
  if (/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(s)) return { ok: false, problem: 'control' };
  const a = s.trim();
  if (a === '') return { ok: false, problem: 'empty' };
  if (a.length > 254) return { ok: false, problem: 'too-long' };
  if (/[<>]/.test(a)) return { ok: false, problem: 'angle' };
  if (/[,;]/.test(a)) return { ok: false, problem: 'list' };
  if (/\s/.test(a)) return { ok: false, problem: 'whitespace' };
  if (/["()\\]/.test(a)) return { ok: false, problem: 'quote' };
  const at = a.indexOf('@');
  if (at < 0) return { ok: false, problem: 'no-at' };
  if (a.indexOf('@', at + 1) >= 0) return { ok: false, problem: 'multiple-at' };
  const local = a.slice(0, at);
  if (local.length > 64 || !LOCAL.test(local)) return { ok: false, problem: 'local' };
  const domain = checkMailDomain(a.slice(at + 1));
  if (!domain) return { ok: false, problem: 'domain' };
  return { ok: true, address: `${local}@${domain}`, local, domain };
}

/** A mail domain: a host name with at least two labels, IDN as ASCII, lower case; no IP literal, no trailing dot. */
export function checkMailDomain(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const r = checkHost(raw.trim());
  return r.ok && r.kind === 'name' ? r.host : undefined;
}

/**
 * Whether an address belongs to the CRM's "Domein": the exact domain, case-insensitive, IDN-aware.
 * Subdomains do not count (info@sales.example.nl is not in example.nl): the CRM validates one exact mail
 * domain, and a subdomain has its own MX and SPF, so passing it here would only fail later in the CRM.
 */
export function addressInDomain(addr: unknown, domain: unknown): boolean {
  const a = parsePlainAddress(addr);
  const d = checkMailDomain(domain);
  return a.ok && d !== undefined && a.domain === d;
}

/** What the validation dialog "SMTP server validatie" holds: Domein, Van, Naar. */
export interface ValidationInput {
  domain?: unknown;
  from?: unknown;
  to?: unknown;
}

/** The CRM's labels, used as {field} in the texts (the admin sees exactly these in the dialog). */
const FIELD_LABEL = { from: 'Van', to: 'Naar' } as const;

/**
 * Van or Naar as the CRM's dialog asks for it: the dialog shows "@domein" after the field, so admins type
 * the local part ("gebruiker1"). A value without @ gets the domain; a full address is kept as typed.
 * Without a usable domain a local part is checked against a placeholder domain (only its own shape counts).
 */
export function composeAddress(value: unknown, domain: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim();
  if (v === '' || v.includes('@')) return value;
  return `${v}@${checkMailDomain(domain) ?? 'example.nl'}`;
}

/** Findings on Domein / Van / Naar, live while the admin types; Van and Naar may be local parts. Never throws. */
export function checkValidationInput(input: ValidationInput): Finding[] {
  const out: Finding[] = [];
  const domain = checkMailDomain(input.domain);
  if (!domain) out.push({ code: 'domain-invalid', severity: 'error', field: 'domain' });

  const parsed: Partial<Record<'from' | 'to', string>> = {};
  for (const field of ['from', 'to'] as const) {
    const r = parsePlainAddress(composeAddress(input[field], input.domain));
    if (!r.ok) {
      out.push({ code: 'address-invalid', severity: 'error', field, variant: r.problem, params: { field: FIELD_LABEL[field] } });
      continue;
    }
    parsed[field] = r.address;
    if (domain && r.domain !== domain) {
      out.push({ code: 'address-outside-domain', severity: 'error', field, params: { field: FIELD_LABEL[field], address: r.address, domain } });
    }
  }
  if (parsed.from && parsed.to && parsed.from.toLowerCase() === parsed.to.toLowerCase()) {
    out.push({ code: 'address-same', severity: 'info', field: 'to' });
  }
  return out;
}

/** A mail domain, normalised (see checkMailDomain). */
export const MailDomain = z.pipe(
  z.string().check(z.maxLength(253)),
  z.transform((raw, ctx) => {
    const d = checkMailDomain(raw);
    if (d) return d;
    ctx.issues.push({ code: 'custom', message: 'domain-invalid', input: raw });
    return z.NEVER;
  }),
);
export type MailDomain = z.infer<typeof MailDomain>;

/** One plain address, normalised (see parsePlainAddress). */
export const PlainAddress = z.pipe(
  z.string().check(z.maxLength(320)),
  z.transform((raw, ctx) => {
    const r = parsePlainAddress(raw);
    if (r.ok) return r.address;
    ctx.issues.push({ code: 'custom', message: 'address-invalid', input: raw, params: { problem: r.problem } });
    return z.NEVER;
  }),
);
export type PlainAddress = z.infer<typeof PlainAddress>;

/**
 * The target of a validation mail, for the backend's POST /v1/validations: Van and Naar must be in Domein.
 * Issue messages are finding codes (domain-invalid, address-invalid, address-outside-domain).
 */
export const ValidationTarget = z
  .object({ domain: MailDomain, from: PlainAddress, to: PlainAddress })
  .check(
    z.superRefine((v, ctx) => {
      for (const field of ['from', 'to'] as const) {
        if (v[field].slice(v[field].lastIndexOf('@') + 1) !== v.domain) {
          ctx.issues.push({ code: 'custom', message: 'address-outside-domain', input: v[field], path: [field] });
        }
      }
    }),
  );
export type ValidationTarget = z.infer<typeof ValidationTarget>;
