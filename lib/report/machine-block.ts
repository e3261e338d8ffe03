import type { FormValues } from '../drafts';
import type { ShownFinding, ShownProbeReport } from '../shown';

// The machine-readable block at the end of the support report ("Rapport kopiëren"): the form's values,
// the findings' codes and the last test's summary, never a password. Built in the content script, so it
// is zod-free and small: JSON → UTF-8 → base64 in lines of 64, between two marker lines; the END line
// carries the number of base64 characters and a CRC-32 of the JSON, so a truncated or changed block is
// recognised (lib/report/parse-report.ts reads it back).
//
//   Voor support (niet wijzigen) / For support (do not edit):
//   -----BEGIN MAILSERVER-ASSISTENT RAPPORT v1-----
//   eyJ2IjoxLCJhdCI6IjIwMjYtMTEtMzBUMjA6MDA6MDAuMDAwWiIsImZvcm0iOnsi…
//   -----END MAILSERVER-ASSISTENT RAPPORT 812 cbf43926-----
//
// Base64 (no spaces) survives mail: quoting ("> "), CRLF and rewrapping only add characters that are not
// in its alphabet, and the reader drops those.

export const BLOCK_VERSION = 1;
export const BLOCK_INTRO = 'Voor support (niet wijzigen) / For support (do not edit):';
export const BLOCK_NAME = 'MAILSERVER-ASSISTENT RAPPORT';
const LINE = 64;

/** The last server test in a few fields: verdict, target, steps, what the port speaks, the finding codes. */
export interface ProbeSummaryData {
  ok: boolean;
  host: string;
  port: number;
  ms: number;
  steps: { step: string; status: string; ms: number; code?: string }[];
  portMode: string;
  recommended?: string;
  codes: string[];
  tls?: { protocol: string; trusted: boolean; hostnameMatches: boolean; trustError?: string; validTo?: string };
}

export interface ReportFindingData {
  code: string;
  severity: 'error' | 'warning' | 'info';
  /** The text as the customer saw it, in the customer's language. */
  text?: string;
}

/** Version 1 of the block's content. Deliberately without a password, a backend address or anything to apply. */
export interface ReportPayloadV1 {
  v: 1;
  /** When the report was made (ISO 8601). */
  at: string;
  /** The CRM page, without query, fragment or user info. */
  page?: string;
  lang?: 'nl' | 'en';
  form: FormValues;
  /** Whether the form's Wachtwoord held something (never its value). */
  pw: boolean;
  findings: ReportFindingData[];
  probe?: ProbeSummaryData;
}

const cut = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/** CRC-32 (IEEE 802.3, as zip and PNG use it) of some bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

export const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 without padding ('=' would be one more character for a mail client to mangle). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The report's findings and the test summary as the block keeps them (texts shortened). */
export function toPayload(r: {
  time: Date;
  page?: string;
  lang?: 'nl' | 'en';
  values: FormValues;
  passwordFilled: boolean;
  findings: readonly ShownFinding[];
  probe?: ProbeSummaryData;
}): ReportPayloadV1 {
  const v = r.values;
  const form: FormValues = {};
  // Only the six known fields, whatever else the object holds (a password never gets in).
  for (const k of ['host', 'port', 'encryption', 'authMethod', 'username', 'mode'] as const) {
    const x = v[k];
    if (typeof x === 'string') (form as Record<string, string>)[k] = cut(x, k === 'username' ? 320 : k === 'host' ? 300 : 40);
    else if (k === 'port' && typeof x === 'number' && Number.isFinite(x)) form.port = x;
  }
  return {
    v: 1,
    at: Number.isNaN(r.time.getTime()) ? new Date(0).toISOString() : r.time.toISOString(),
    ...(r.page ? { page: cut(r.page, 500) } : {}),
    ...(r.lang ? { lang: r.lang } : {}),
    form,
    pw: !!r.passwordFilled,
    findings: r.findings.slice(0, 40).map((f) => ({ code: cut(f.code, 60), severity: f.severity, ...(f.text ? { text: cut(f.text, 600) } : {}) })),
    ...(r.probe ? { probe: r.probe } : {}),
  };
}

/** The test summary from the panel's probe report. */
export function summaryFromReport(r: ShownProbeReport): ProbeSummaryData {
  return {
    ok: r.ok,
    host: r.target.host,
    port: r.target.port,
    ms: r.ms,
    steps: r.steps.map((s) => ({ step: s.step, status: s.status, ms: s.ms, ...(s.code ? { code: s.code } : {}) })),
    portMode: r.detected.portMode,
    ...(r.detected.recommendedEncryption ? { recommended: r.detected.recommendedEncryption } : {}),
    codes: r.findings.map((f) => f.code),
    ...(r.tls
      ? {
          tls: {
            protocol: r.tls.protocol,
            trusted: r.tls.trusted,
            hostnameMatches: r.tls.hostnameMatches,
            ...(r.tls.trustError ? { trustError: r.tls.trustError } : {}),
            validTo: r.tls.certificate.validTo,
          },
        }
      : {}),
  };
}

/** The block as text: intro line, BEGIN line, base64 lines, END line with length and CRC-32. */
export function encodeBlock(payload: ReportPayloadV1): string {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  const b64 = toBase64(bytes);
  const lines = [BLOCK_INTRO, `-----BEGIN ${BLOCK_NAME} v${BLOCK_VERSION}-----`];
  for (let i = 0; i < b64.length; i += LINE) lines.push(b64.slice(i, i + LINE));
  lines.push(`-----END ${BLOCK_NAME} ${b64.length} ${crc32(bytes).toString(16).padStart(8, '0')}-----`);
  return lines.join('\n');
}
