import type { z } from 'zod/mini';
import {
  ApiError,
  DiscoverResult,
  type DiscoverRequest,
  Health,
  isKnownStep,
  PROBE_STREAM_TYPE,
  ProbeReport,
  ProbeStreamLine,
  type ProbeStep,
  ValidationConfirmed,
  ValidationCreated,
  type ProbeRequest,
  type ValidationCreate,
} from '@/lib/api';
import { findingText, format, type Lang } from '@/lib/i18n';
import { backendErrorMessages } from '@/lib/i18n/backend-errors';
import { langFromLocale } from '@/lib/i18n/lang';
import { browser } from 'wxt/browser';
import { loadApiKey } from './backend-key';
import { isLoopbackUrl } from '@/lib/prefs';


/** Why a call did not give data: the backend is not running, it answered with an error, or the answer made no sense. */
export type BackendFailureKind = 'unreachable' | 'http' | 'invalid-response';

export interface BackendFailure {
  ok: false;
  kind: BackendFailureKind;
  /** HTTP status when the backend answered. */
  status?: number;
  /** The API's stable error code (code_mismatch, locked, …) or backend_unreachable / invalid_response. */
  code: string;
  /** Ready to show, in the client's language, from the extension's own catalogue (by code and params). */
  message: string;
  /** The API's error body as sent (attemptsLeft, field, findings, retryAfter). */
  error?: ApiError['error'];
}

export type BackendResult<T> = { ok: true; data: T } | BackendFailure;

export interface BackendClient {
  readonly baseUrl: string;
  health(): Promise<BackendResult<Health>>;
  /**
   * POST /v1/probe. With `onStep` the backend is asked for NDJSON and `onStep` gets each step as it completes;
   * the result is the final report either way (an older backend that answers plain JSON just gives no steps early).
   */
  probe(req: ProbeRequest, signal?: AbortSignal, onStep?: (step: ProbeStep) => void): Promise<BackendResult<ProbeReport>>;
  /** Suggested settings for an address or domain, from DNS (MX, SRV, SPF, DMARC). */
  discover(req: DiscoverRequest): Promise<BackendResult<DiscoverResult>>;
  createValidation(req: ValidationCreate): Promise<BackendResult<ValidationCreated>>;
  confirmValidation(id: string, code: string): Promise<BackendResult<ValidationConfirmed>>;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface BackendClientOptions {
  /** The language of `message`; default the language chosen under Instellingen, else the browser's. */
  lang?: Lang | (() => Promise<Lang | undefined>);
  /** Sent as Authorization: Bearer <key> on every call (a hosted backend with API_KEYS); default the key saved under Instellingen. */
  apiKey?: string | (() => Promise<string | undefined>);
}

/** The language chosen under Instellingen (storage.local prefs.lang), if any. */
async function storedLang(): Promise<Lang | undefined> {
  const prefs = (await browser.storage.local.get('prefs')).prefs as { lang?: unknown } | undefined;
  return prefs?.lang === 'en' || prefs?.lang === 'nl' ? prefs.lang : undefined;
}

/** The text for a backend error in one language: the first finding when the backend sent one, else by code. */
export function backendErrorText(code: string, error: Partial<ApiError['error']> | undefined, lang: Lang, extra: Record<string, string | number> = {}): string {
  const catalog = backendErrorMessages[lang] as Record<string, string>;
  const finding = error?.findings?.[0];
  if (finding && code !== 'send_failed') return findingText(finding, lang);
  const params = { seconds: error?.retryAfter ?? 60, minutes: 60, ports: '25, 465, 587, 2525', ...error?.params, ...extra };
  const variant = code === 'unauthorized' && error?.params?.reason === 'unknown-key' ? 'B.unauthorized.unknown-key' : code === 'invalid_request' && error?.field ? 'B.invalid_request.field' : undefined;
  const key = variant ?? `B.${code}`;
  if (key in catalog) return format(catalog[key]!, { field: error?.field ?? '', ...params });
  return error?.message ?? format(catalog['B.http']!, params);
}

/**
 * The extension's side of the companion backend's API (docs/ARCHITECTURE.md, "Companion backend").
 * Never throws: every outcome is a BackendResult, and a backend that is not running says how to start it.
 * Responses are parsed with the same schemas the server uses (lib/api.ts).
 */
export function createBackendClient(baseUrl: string, fetchImpl: FetchLike = (i, init) => globalThis.fetch(i, init), opts: BackendClientOptions = {}): BackendClient {
  const base = baseUrl.replace(/\/+$/, '');
  let lang: Lang = typeof opts.lang === 'string' ? opts.lang : langFromLocale(globalThis.navigator?.language);
  const text = (code: string, error?: Partial<ApiError['error']>, extra?: Record<string, string | number>) => backendErrorText(code, error, lang, extra);
  const loadLang = typeof opts.lang === 'function' ? opts.lang : opts.lang === undefined ? storedLang : undefined;
  const loadKey = typeof opts.apiKey === 'function' ? opts.apiKey : opts.apiKey === undefined ? loadApiKey : async () => opts.apiKey as string;
  /** Reads the key (and the language) at each call, so a key saved under Instellingen counts at once. */
  const prepare = async (): Promise<Record<string, string>> => {
    const [l, key] = await Promise.all([loadLang?.().catch(() => undefined), loadKey().catch(() => undefined)]);
    if (l) lang = l;
    return key ? { authorization: `Bearer ${key}` } : {};
  };

  const aborted = (): BackendFailure => ({ ok: false, kind: 'unreachable', code: 'aborted', message: text('aborted') });
  const invalid = (status: number, path: string): BackendFailure => ({
    ok: false,
    kind: 'invalid-response',
    status,
    code: 'invalid_response',
    message: text('invalid_response', undefined, { path }),
  });

  async function send(path: string, body: unknown, signal: AbortSignal | undefined, accept = 'application/json'): Promise<Response | BackendFailure> {
    const auth = await prepare();
    try {
      return await fetchImpl(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? { accept, ...auth } : { 'content-type': 'application/json', accept, ...auth },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') return aborted();
      return {
        ok: false,
        kind: 'unreachable',
        code: 'backend_unreachable',
        message: text(isLoopbackUrl(base) ? 'unreachable.local' : 'unreachable.remote', undefined, { url: base }),
      };
    }
  }

  /** A JSON answer: the data when it fits the schema, else the API's error (or why there is none). */
  async function answer<S extends z.ZodMiniType>(schema: S, path: string, res: Response): Promise<BackendResult<z.infer<S>>> {
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      json = undefined;
    }
    if (res.ok) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return { ok: true, data: parsed.data as z.infer<S> };
      return invalid(res.status, path);
    }
    const err = ApiError.safeParse(json);
    if (err.success) return { ok: false, kind: 'http', status: res.status, code: err.data.error.code, message: text(err.data.error.code, err.data.error), error: err.data.error };
    return { ok: false, kind: 'http', status: res.status, code: `http_${res.status}`, message: text('http', undefined, { status: res.status }) };
  }

  async function call<S extends z.ZodMiniType>(schema: S, path: string, body?: unknown, signal?: AbortSignal): Promise<BackendResult<z.infer<S>>> {
    const res = await send(path, body, signal);
    return res instanceof Response ? answer(schema, path, res) : res;
  }

  /** The probe with live steps: NDJSON when the backend speaks it, the plain JSON report when it does not. */
  async function probeLive(req: ProbeRequest, signal: AbortSignal | undefined, onStep: (step: ProbeStep) => void): Promise<BackendResult<ProbeReport>> {
    const path = '/v1/probe';
    const res = await send(path, req, signal, `${PROBE_STREAM_TYPE}, application/json;q=0.9`);
    if (!(res instanceof Response)) return res;
    if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').toLowerCase().startsWith(PROBE_STREAM_TYPE)) return answer(ProbeReport, path, res);
    try {
      for await (const raw of ndjsonLines(res.body)) {
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          return invalid(res.status, path);
        }
        const line = ProbeStreamLine.safeParse(json);
        if (!line.success) {
          // A line type this client does not know yet is skipped; a known one that does not fit is an error.
          if (['step', 'report', 'error'].includes(String((json as { type?: unknown } | null)?.type))) return invalid(res.status, path);
          continue;
        }
        const l = line.data;
        if (l.type === 'report') return { ok: true, data: l.report };
        if (l.type === 'error') return { ok: false, kind: 'http', status: res.status, code: l.error.code, message: text(l.error.code, l.error), error: l.error };
        if (!isKnownStep(l.step)) continue; // a step a newer backend added
        try {
          onStep(l.step);
        } catch {
          /* the caller's display must not break the probe */
        }
      }
    } catch (e) {
      if ((e as Error)?.name === 'AbortError' || signal?.aborted) return aborted();
      return invalid(res.status, path);
    }
    return signal?.aborted ? aborted() : invalid(res.status, path);
  }

  return {
    baseUrl: base,
    health: () => call(Health, '/v1/health'),
    probe: (req, signal, onStep) => (onStep ? probeLive(req, signal, onStep) : call(ProbeReport, '/v1/probe', req, signal)),
    discover: (req) => call(DiscoverResult, '/v1/discover', req),
    createValidation: (req) => call(ValidationCreated, '/v1/validations', req),
    confirmValidation: (id, code) => call(ValidationConfirmed, `/v1/validations/${encodeURIComponent(id)}/confirm`, { code }),
  };
}

/** The longest NDJSON line accepted (a report is a few KB; the backend caps what it quotes from a server). */
const MAX_LINE_CHARS = 256 * 1024;

/**
 * The lines of an NDJSON body as they arrive, whatever the chunk boundaries (also inside a UTF-8 character).
 * A line longer than MAX_LINE_CHARS stops the read with an error; blank lines are skipped.
 */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>, max = MAX_LINE_CHARS): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buf += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line.length > max) throw new Error('line too long');
        if (line) yield line;
      }
      if (buf.length > max) throw new Error('line too long');
      if (done) {
        if (buf.trim()) yield buf.trim();
        return;
      }
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
