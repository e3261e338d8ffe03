import { z } from 'zod/mini';
import { FINDING_CODES } from './findings';
import { Auth, Encryption, Host, Mode, Port, SmtpSettings } from './settings';
import { STEP_NAMES } from './probe-steps';
import { FormValues } from './drafts';

/**
 * Request and response bodies of the companion backend's HTTP API v1 (server/), shared with the extension.
 * The server validates requests with these schemas; the extension parses responses with them.
 */

const Severity = z.enum(['error', 'warning', 'info']);
const FindingField = z.enum(['host', 'port', 'encryption', 'auth', 'username', 'password', 'mode', 'crmRange', 'domain', 'from', 'to']);

export const ApiFinding = z.object({
  code: z.enum(FINDING_CODES),
  severity: Severity,
  field: z.optional(FindingField),
  variant: z.optional(z.string()),
  params: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
  /** A fix never carries a password: FormValues has no password field. */
  fix: z.optional(FormValues),
});
export type ApiFinding = z.infer<typeof ApiFinding>;

// Answers from a backend newer than this extension (a hosted backend is updated before the stores ship the
// extension) must still parse: the verdict is the backend's. Unknown codes and names are read leniently below;
// requests stay strict.
const KNOWN_FINDING_CODES = new Set<string>(FINDING_CODES);

/** Findings: an unknown code becomes `finding-unknown` (its code as a parameter); what is no finding at all is dropped. */
const Findings = z.pipe(
  z.array(z.unknown()),
  z.transform((items): ApiFinding[] =>
    items.flatMap((item): ApiFinding[] => {
      const f = ApiFinding.safeParse(item);
      if (f.success) return [f.data];
      const o = item as { code?: unknown; severity?: unknown } | null;
      if (!o || typeof o !== 'object' || typeof o.code !== 'string' || KNOWN_FINDING_CODES.has(o.code)) return [];
      const severity = Severity.safeParse(o.severity);
      return [{ code: 'finding-unknown', severity: severity.success ? severity.data : 'warning', params: { code: o.code.slice(0, 64) } }];
    }),
  ),
);

export const ProbeRequest = z.object({
  host: Host,
  port: Port,
  encryption: Encryption,
  auth: z.optional(Auth),
  mode: z.optional(Mode),
});
export type ProbeRequest = z.input<typeof ProbeRequest>;

export const StepName = z.enum(STEP_NAMES);
export const StepStatus = z.enum(['ok', 'warn', 'fail', 'skipped']);
export type StepStatus = z.infer<typeof StepStatus>;

export const ProbeStep = z.object({
  step: StepName,
  status: StepStatus,
  ms: z.number(),
  /** Stable error code of a failed step: ETIMEDOUT, ECONNREFUSED, ECLOSED, ETOOBIG, EPROTOCOL, ETLS, EAUTH, … */
  code: z.optional(z.string()),
  message: z.optional(z.string()),
  /** The server's reply to this step, as "535 5.7.139 …" (shortened, secrets removed). */
  reply: z.optional(z.string()),
});
export type ProbeStep = z.infer<typeof ProbeStep>;

/** A step as a newer backend may send it: a name this extension does not know yet. Left out of lists and progress. */
const AnyStep = z.union([ProbeStep, z.object({ step: z.string(), status: StepStatus, ms: z.number() })]);
const KNOWN_STEPS = new Set<string>(STEP_NAMES);
export const isKnownStep = (s: z.infer<typeof AnyStep>): s is ProbeStep => KNOWN_STEPS.has(s.step);

const PORT_MODES = ['implicit-tls', 'starttls', 'plain', 'unreachable', 'unknown'] as const;
export const PortMode = z.enum(PORT_MODES);
export type PortMode = z.infer<typeof PortMode>;

export const TlsInfo = z.object({
  protocol: z.string(),
  cipher: z.string(),
  trusted: z.boolean(),
  /** Why the certificate is not trusted (OpenSSL's code, e.g. DEPTH_ZERO_SELF_SIGNED_CERT). */
  trustError: z.optional(z.string()),
  hostnameMatches: z.boolean(),
  certificate: z.object({
    subject: z.string(),
    issuer: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    altNames: z.array(z.string()),
  }),
});
export type TlsInfo = z.infer<typeof TlsInfo>;

export const ProbeReport = z.object({
  ok: z.boolean(),
  target: z.object({ host: z.string(), port: z.number(), address: z.optional(z.string()), addresses: z.array(z.string()) }),
  ms: z.number(),
  steps: z.pipe(z.array(AnyStep), z.transform((steps) => steps.filter(isKnownStep))),
  server: z.object({
    banner: z.optional(z.string()),
    extensions: z.array(z.string()),
    authMechanisms: z.array(z.string()),
    startTls: z.boolean(),
  }),
  tls: z.optional(TlsInfo),
  detected: z.object({ portMode: z.catch(PortMode, 'unknown'), recommendedEncryption: z.catch(z.optional(Encryption), undefined) }),
  findings: Findings,
});
export type ProbeReport = z.infer<typeof ProbeReport>;

/**
 * POST /v1/probe with `Accept: application/x-ndjson`: one JSON object per line, a `step` for each step as it
 * completes (wire order), then the `report` (whose `steps` are the same steps). An `error` line replaces the
 * report when the backend fails mid-probe; errors before the probe starts are ordinary JSON error responses.
 */
export const PROBE_STREAM_TYPE = 'application/x-ndjson';
export const ProbeStreamStep = z.object({ type: z.literal('step'), step: AnyStep });
export const ProbeStreamReport = z.object({ type: z.literal('report'), report: ProbeReport });
export const ProbeStreamError = z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) });
export const ProbeStreamLine = z.discriminatedUnion('type', [ProbeStreamStep, ProbeStreamReport, ProbeStreamError]);
export type ProbeStreamLine = z.infer<typeof ProbeStreamLine>;

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const ValidationCreate = z.object({
  settings: SmtpSettings,
  domain: Text(253),
  from: Text(320),
  to: Text(320),
  lang: z.optional(z.enum(['nl', 'en'])),
});
export type ValidationCreate = z.input<typeof ValidationCreate>;

export const ValidationCreated = z.object({ id: z.string(), expiresAt: z.string() });
export type ValidationCreated = z.infer<typeof ValidationCreated>;

/** The code as typed; its format (6 characters of the code alphabet) is checked by the server. */
export const ValidationConfirm = z.object({ code: Text(64) });
export type ValidationConfirm = z.infer<typeof ValidationConfirm>;

export const ValidationConfirmed = z.object({ validated: z.literal(true), domain: z.string() });
export type ValidationConfirmed = z.infer<typeof ValidationConfirmed>;

/** POST /v1/discover: an address of the organisation, or its mail domain. */
export const DiscoverRequest = z.object({ email: z.optional(Text(320)), domain: z.optional(Text(253)) });
export type DiscoverRequest = z.input<typeof DiscoverRequest>;

export const DiscoverCandidate = z.object({
  settings: z.object({
    host: z.string(),
    port: z.number(),
    encryption: Encryption,
    authMethod: z.enum(['password', 'ip-whitelist']),
    username: z.optional(z.string()),
    mode: z.optional(Mode),
  }),
  // A source or confidence a newer backend adds reads as the most modest one.
  source: z.catch(z.enum(['preset', 'mx', 'spf', 'srv', 'guess']), 'guess'),
  confidence: z.catch(z.enum(['high', 'medium', 'low']), 'low'),
  provider: z.optional(z.string()),
  presetId: z.optional(z.string()),
});
export type DiscoverCandidate = z.infer<typeof DiscoverCandidate>;

export const DiscoverResult = z.object({
  domain: z.object({ name: z.string(), mx: z.array(z.string()), spf: z.optional(z.string()), dmarc: z.optional(z.string()) }),
  candidates: z.array(DiscoverCandidate),
  findings: Findings,
});
export type DiscoverResult = z.infer<typeof DiscoverResult>;

export const Health = z.object({ ok: z.boolean(), version: z.string(), store: z.enum(['memory', 'redis']) });
export type Health = z.infer<typeof Health>;

/** Stable error codes of the API; `message` is English (for curl), the extension shows its own text by code. */
export const API_ERROR_CODES = [
  'invalid_json',
  'invalid_request',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'origin_not_allowed',
  'unauthorized',
  'port_not_allowed',
  'target_not_allowed',
  'dns_failed',
  'rate_limited',
  'probe_busy',
  'login_locked',
  'probe_required',
  'store_unavailable',
  'send_failed',
  'code_invalid',
  'code_mismatch',
  'expired',
  'already_used',
  'locked',
  'shutting_down',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Values for the extension's text of this code (ports, field, …). */
    params: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
    /** The request field that is wrong (host, port, settings.auth.username, from, …). */
    field: z.optional(z.string()),
    attemptsLeft: z.optional(z.number()),
    retryAfter: z.optional(z.number()),
    findings: z.optional(z.array(ApiFinding)),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
