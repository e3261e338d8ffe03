import { z } from 'zod/mini';
import { BLOCK_NAME, BLOCK_VERSION, crc32, type ReportPayloadV1 } from './machine-block';
import { parseProbeSummary, type ProbeSummaryData } from './text-report';

// Reads the machine block of a support report back out of whatever the rep pastes: a whole mail body
// with "> " quoting (at any depth), CRLF, lines rewrapped by a mail client, a signature around it.
// Never throws. A block whose length or CRC-32 does not match gives nothing at all (no values), so
// nothing can be pre-filled from a damaged or changed report.

/** The most text accepted (a mail thread with attachments pasted as text is far below this). */
export const MAX_REPORT_CHARS = 1_000_000;

export type ReportProblem =
  /** Nothing pasted. */
  | { kind: 'empty' }
  | { kind: 'too-large' }
  /** No trace of a report of this extension. */
  | { kind: 'foreign' }
  /** The human part is there, the machine block is not (cut off, or made before the block existed). */
  | { kind: 'no-block' }
  /** The block is cut off: its END line, its BEGIN line, or some of its characters are missing. */
  | { kind: 'truncated'; missing: 'end' | 'begin' | 'body'; chars?: number }
  /** The block's characters do not give back what was written: changed, or mangled on the way. */
  | { kind: 'damaged'; reason: 'checksum' | 'extra' | 'encoding' }
  /** Made by a newer version of the extension. */
  | { kind: 'version'; version: number }
  /** The checksum fits but the content is not a report (hand-made); `field` names the first wrong part. */
  | { kind: 'invalid'; field: string }
  /** The content carries something a report never has (a backend address, a password, a preset to apply …). */
  | { kind: 'not-allowed'; fields: string[] };

/** A report as read: the block's content, with the test's summary line read into fields (`probeLine` keeps a line that does not parse). */
export type SupportReport = Omit<ReportPayloadV1, 'probe'> & { probe?: ProbeSummaryData; probeLine?: string };

export type ParseResult = { ok: true; report: SupportReport; blocks: number } | { ok: false; problem: ReportProblem };

const Str = (max: number) => z.string().check(z.maxLength(max));
const Code = z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{0,59}$/));
const Severity = z.enum(['error', 'warning', 'info']);

/** Exactly what a version-1 block may hold; any other key is refused (strict objects). */
const ReportPayloadSchema = z.strictObject({
  v: z.literal(1),
  at: z.iso.datetime(),
  page: z.optional(Str(2000)),
  lang: z.optional(z.enum(['nl', 'en'])),
  form: z.strictObject({
    host: z.optional(Str(2000)),
    // JSON writes a port that is not a finite number as null.
    port: z.optional(z.union([z.number(), Str(100), z.null()])),
    encryption: z.optional(Str(100)),
    authMethod: z.optional(Str(100)),
    username: z.optional(Str(2000)),
    mode: z.optional(Str(100)),
  }),
  pw: z.boolean(),
  findings: z.array(z.strictObject({ code: Code, severity: Severity, text: z.optional(Str(2000)) })).check(z.maxLength(200)),
  probe: z.optional(Str(4000)),
});

/** Keys that would let a report change something on the rep's side: named in the refusal. */
const NEVER_IN_A_REPORT = /password|wachtwoord|backend|url|preset|apply|fill|settings|prefs|wizard|secret|token|key/i;

/** The block's name as a pattern: a mail client may rewrap at the spaces, or after the hyphen. */
const NAME = BLOCK_NAME.replace(/-/g, '-\\s*').replace(/ /g, '\\s+');
const BEGIN = new RegExp(`-{3,}\\s*BEGIN\\s+${NAME}\\s+v(\\d{1,4})\\s*-{3,}`, 'gi');
const END = new RegExp(`-{3,}\\s*END\\s+${NAME}\\s+(\\d{1,7})\\s+([0-9a-f]{8})\\s*-{3,}`, 'gi');
/** The human part's title (lib/i18n/panel.ts report.title), in both languages. */
const TITLE = /Mailserver\s+Assistent:\s+(rapport|report)\b/i;

/** A line without its mail quoting: "> ", ">> ", "> > " and the indentation before it. */
const unquote = (line: string) => line.replace(/^[ \t]*(?:>[ \t]?)+/, '');

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

/** Base64 without padding to bytes; undefined when the length cannot be base64 (one character left over). */
export function fromBase64(s: string): Uint8Array | undefined {
  if (s.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((s.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const c of s) {
    const v = B64_VALUE.get(c);
    if (v === undefined) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/**
 * The report in a pasted text, or why there is none. Never throws; on any problem there is no report
 * (and so no values to show or use).
 */
export function parseReport(input: unknown): ParseResult {
  try {
    return parse(input);
  } catch {
    return { ok: false, problem: { kind: 'damaged', reason: 'encoding' } };
  }
}

function parse(input: unknown): ParseResult {
  const fail = (problem: ReportProblem): ParseResult => ({ ok: false, problem });
  if (typeof input !== 'string' || input.trim() === '') return fail({ kind: 'empty' });
  if (input.length > MAX_REPORT_CHARS) return fail({ kind: 'too-large' });
  const text = input
    .split(/\r\n|\r|\n/)
    .map(unquote)
    .join('\n');

  const begins = [...text.matchAll(BEGIN)];
  const ends = [...text.matchAll(END)];
  if (!begins.length && !ends.length) return fail({ kind: TITLE.test(text) ? 'no-block' : 'foreign' });
  if (!begins.length) return fail({ kind: 'truncated', missing: 'begin' });
  const begin = begins[0]!;
  const beginEnd = begin.index! + begin[0].length;
  const end = ends.find((e) => e.index! >= beginEnd);
  if (!end) return fail({ kind: 'truncated', missing: 'end' });
  // Another BEGIN before this END: the first block lost its END, and the END belongs to a later block.
  const nextBegin = begins[1];
  if (nextBegin && nextBegin.index! < end.index!) return fail({ kind: 'truncated', missing: 'end' });

  const version = Number(begin[1]);
  if (version !== BLOCK_VERSION) return version > BLOCK_VERSION ? fail({ kind: 'version', version }) : fail({ kind: 'invalid', field: 'version' });

  const body = text.slice(beginEnd, end.index!).replace(/[^A-Za-z0-9+/]/g, '');
  const declared = Number(end[1]);
  if (body.length < declared) return fail({ kind: 'truncated', missing: 'body', chars: declared - body.length });
  if (body.length > declared) return fail({ kind: 'damaged', reason: 'extra' });
  const bytes = fromBase64(body);
  if (!bytes) return fail({ kind: 'damaged', reason: 'encoding' });
  if (crc32(bytes) !== parseInt(end[2]!, 16)) return fail({ kind: 'damaged', reason: 'checksum' });

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail({ kind: 'damaged', reason: 'encoding' });
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return fail({ kind: 'invalid', field: 'root' });
  const v = (json as { v?: unknown }).v;
  if (v !== BLOCK_VERSION) return typeof v === 'number' && v > BLOCK_VERSION ? fail({ kind: 'version', version: v }) : fail({ kind: 'invalid', field: 'v' });

  const r = ReportPayloadSchema.safeParse(json);
  if (!r.success) {
    const unknown = r.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path.map(String), k].join('.')) : []));
    const forbidden = unknown.filter((k) => NEVER_IN_A_REPORT.test(k.split('.').pop()!));
    if (forbidden.length) return fail({ kind: 'not-allowed', fields: forbidden.map((k) => k.slice(0, 60)).slice(0, 5) });
    const first = r.error.issues[0];
    const path = first ? [...first.path.map(String), ...(first.code === 'unrecognized_keys' ? [first.keys[0] ?? ''] : [])].join('.') : '';
    return fail({ kind: 'invalid', field: path.slice(0, 60) || 'root' });
  }
  const { probe, form, ...rest } = r.data;
  const summary = probe === undefined ? undefined : parseProbeSummary(probe);
  const { port, ...fields } = form;
  const report: SupportReport = { ...rest, form: { ...fields, ...(port === null ? {} : port !== undefined ? { port } : {}) }, ...(summary ? { probe: summary } : probe !== undefined ? { probeLine: probe } : {}) };
  return { ok: true, report, blocks: begins.length };
}
