import type { FormValues } from '../drafts';
import type { ShownFinding } from '../shown';

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
// Base64 (no spaces, no padding) survives mail: quoting ("> "), CRLF and rewrapping only add characters that are not
// in its alphabet, and the reader drops those.

export const BLOCK_VERSION = 1;
const BLOCK_INTRO = 'Voor support (niet wijzigen) / For support (do not edit):';
export const BLOCK_NAME = 'MAILSERVER-ASSISTENT RAPPORT';
const LINE = 64;

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
  /** The last server test: the report's own summary line (lib/report/text-report.ts probeSummary), read back by the reader. */
  probe?: string;
}

/** CRC-32 (IEEE 802.3, as zip and PNG use it) of some bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/**
 * The block's content from the report's input. Only the six form fields are named (a password on the object
 * never gets in); JSON drops the ones that are undefined. Lengths are the reader's business (generous limits).
 */
export function toPayload(r: {
  time: Date;
  page?: string;
  lang?: 'nl' | 'en';
  values: FormValues;
  passwordFilled: boolean;
  findings: readonly ShownFinding[];
  probe?: string;
}): ReportPayloadV1 {
  const { host, port, encryption, authMethod, username, mode } = r.values;
  return {
    v: 1,
    at: r.time.toISOString(),
    page: r.page || undefined,
    lang: r.lang,
    form: { host, port, encryption, authMethod, username, mode },
    pw: !!r.passwordFilled,
    findings: r.findings.map(({ code, severity, text }) => ({ code, severity, text: text || undefined })),
    probe: r.probe,
  };
}

/** The block as text: intro line, BEGIN line, base64 lines, END line with length and CRC-32. */
export function encodeBlock(payload: ReportPayloadV1): string {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  // Standard base64 without padding ('=' would be one more character for a mail client to mangle).
  const b64 = btoa(bin).replace(/=+$/, '');
  const lines = [BLOCK_INTRO, `-----BEGIN ${BLOCK_NAME} v${BLOCK_VERSION}-----`];
  for (let i = 0; i < b64.length; i += LINE) lines.push(b64.slice(i, i + LINE));
  lines.push(`-----END ${BLOCK_NAME} ${b64.length} ${crc32(bytes).toString(16).padStart(8, '0')}-----`);
  return lines.join('\n');
}
