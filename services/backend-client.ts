import type { z } from 'zod/mini';
import {
  ApiError,
  DiscoverResult,
  type DiscoverRequest,
  Health,
  PROBE_STREAM_TYPE,
  ProbeReport,
  ProbeStreamLine,
  type ProbeStep,
  ValidationConfirmed,
  ValidationCreated,
  type ProbeRequest,
  type ValidationCreate,
} from '@/lib/api';

/** Why a call did not give data: the backend is not running, it answered with an error, or the answer made no sense. */
export type BackendFailureKind = 'unreachable' | 'http' | 'invalid-response';

export interface BackendFailure {
  ok: false;
  kind: BackendFailureKind;
  /** HTTP status when the backend answered. */
  status?: number;
  /** The API's stable error code (code_mismatch, locked, …) or backend_unreachable / invalid_response. */
  code: string;
  /** Dutch, then English; ready to show. */
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

/**
 * The extension's side of the companion backend's API (docs/ARCHITECTURE.md, "Companion backend").
 * Never throws: every outcome is a BackendResult, and a backend that is not running says how to start it.
 * Responses are parsed with the same schemas the server uses (lib/api.ts).
 */
export function createBackendClient(baseUrl: string, fetchImpl: FetchLike = (i, init) => globalThis.fetch(i, init)): BackendClient {
  const base = baseUrl.replace(/\/+$/, '');

  const aborted = (): BackendFailure => ({ ok: false, kind: 'unreachable', code: 'aborted', message: 'Afgebroken. / Aborted.' });
  const invalid = (status: number, path: string): BackendFailure => ({
    ok: false,
    kind: 'invalid-response',
    status,
    code: 'invalid_response',
    message: `Onverwacht antwoord van de backend op ${path}. / Unexpected answer from the backend on ${path}.`,
  });

  async function send(path: string, body: unknown, signal: AbortSignal | undefined, accept = 'application/json'): Promise<Response | BackendFailure> {
    try {
      return await fetchImpl(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? { accept } : { 'content-type': 'application/json', accept },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') return aborted();
      return {
        ok: false,
        kind: 'unreachable',
        code: 'backend_unreachable',
        message: `Backend niet bereikbaar op ${base} — start hem met \`npm start\`. / Backend not reachable at ${base} — start it with \`npm start\`.`,
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
    if (err.success) return { ok: false, kind: 'http', status: res.status, code: err.data.error.code, message: err.data.error.message, error: err.data.error };
    return { ok: false, kind: 'http', status: res.status, code: `http_${res.status}`, message: `De backend antwoordde met HTTP ${res.status}. / The backend answered with HTTP ${res.status}.` };
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
        if (l.type === 'error') return { ok: false, kind: 'http', status: res.status, code: l.error.code, message: l.error.message, error: l.error };
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
export const MAX_LINE_CHARS = 256 * 1024;

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
