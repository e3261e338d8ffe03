import type { z } from 'zod/mini';
import {
  ApiError,
  DiscoverResult,
  type DiscoverRequest,
  Health,
  ProbeReport,
  ValidationConfirmed,
  ValidationCreated,
  type ProbeRequest,
  type ValidationCreate,
} from '../lib/api';

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
  probe(req: ProbeRequest, signal?: AbortSignal): Promise<BackendResult<ProbeReport>>;
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

  async function call<S extends z.ZodMiniType>(schema: S, path: string, body?: unknown, signal?: AbortSignal): Promise<BackendResult<z.infer<S>>> {
    let res: Response;
    try {
      res = await fetchImpl(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') return { ok: false, kind: 'unreachable', code: 'aborted', message: 'Afgebroken. / Aborted.' };
      return {
        ok: false,
        kind: 'unreachable',
        code: 'backend_unreachable',
        message: `Backend niet bereikbaar op ${base} — start hem met \`npm start\`. / Backend not reachable at ${base} — start it with \`npm start\`.`,
      };
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      json = undefined;
    }
    if (res.ok) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return { ok: true, data: parsed.data as z.infer<S> };
      return { ok: false, kind: 'invalid-response', status: res.status, code: 'invalid_response', message: `Onverwacht antwoord van de backend op ${path}. / Unexpected answer from the backend on ${path}.` };
    }
    const err = ApiError.safeParse(json);
    if (err.success) return { ok: false, kind: 'http', status: res.status, code: err.data.error.code, message: err.data.error.message, error: err.data.error };
    return { ok: false, kind: 'http', status: res.status, code: `http_${res.status}`, message: `De backend antwoordde met HTTP ${res.status}. / The backend answered with HTTP ${res.status}.` };
  }

  return {
    baseUrl: base,
    health: () => call(Health, '/v1/health'),
    probe: (req, signal) => call(ProbeReport, '/v1/probe', req, signal),
    discover: (req) => call(DiscoverResult, '/v1/discover', req),
    createValidation: (req) => call(ValidationCreated, '/v1/validations', req),
    confirmValidation: (id, code) => call(ValidationConfirmed, `/v1/validations/${encodeURIComponent(id)}/confirm`, { code }),
  };
}
