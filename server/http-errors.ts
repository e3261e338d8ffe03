import type { Context } from 'hono';
import type { ApiErrorCode } from '../lib/api';
import type { Finding } from '../lib/findings';
import { findingText } from '../lib/i18n';
import type { GuardFailure } from './guard';

/**
 * Errors as data: every error answer is `{ error: { code, params?, message, field?, … } }`. `code` (and
 * `params`) are what the extension renders, in Dutch or English, from its own catalogue
 * (lib/i18n/backend-errors.ts); `message` is English, for someone reading the answer with curl.
 */
const MESSAGES: Record<ApiErrorCode, string> = {
  invalid_json: 'The request is not valid JSON.',
  invalid_request: 'The request is incomplete or invalid.',
  unsupported_media_type: 'Send the request as JSON (Content-Type: application/json).',
  payload_too_large: 'The request is too large.',
  not_found: 'Not found.',
  origin_not_allowed: 'This origin may not use the backend.',
  unauthorized: 'This backend needs an API key: send Authorization: Bearer <key> (the key is set under Instellingen / Settings).',
  port_not_allowed: 'Port: only SMTP ports (25, 465, 587, 2525) can be tested.',
  target_not_allowed: "Host name points to an internal or reserved address. The CRM sends over the internet and cannot reach such an address: enter the mail server's public name.",
  dns_failed: 'Host name could not be looked up in DNS. Check the spelling.',
  rate_limited: 'Too many requests. Wait a moment and try again.',
  probe_busy: 'The backend is testing many servers at once. Try again in a few seconds.',
  login_locked: 'Too many failed logins for this user name on this server in the last hour. Check the user name and password, then try again later.',
  probe_required: 'Test these settings first (Test nu / Test now); the validation mail is sent only for settings whose test succeeded in the last 15 minutes.',
  store_unavailable: 'The store (Redis) cannot be reached. Try again shortly.',
  send_failed: 'The validation mail could not be sent; see the findings.',
  code_invalid: 'The code is 6 letters and digits, as in the mail.',
  code_mismatch: 'The code is wrong. Check the code in the mail.',
  expired: 'The code has expired (10 minutes). Request a new code.',
  already_used: 'This code has already been used. Request a new code.',
  locked: 'Too many wrong attempts; this code is locked. Request a new code.',
  shutting_down: 'The backend is restarting. Try again in a few seconds.',
  internal: 'Something went wrong in the backend.',
};

export interface ErrorExtra {
  message?: string;
  params?: Record<string, string | number>;
  field?: string;
  attemptsLeft?: number;
  retryAfter?: number;
  findings?: Finding[];
}

export function errorBody(code: ApiErrorCode, extra: ErrorExtra = {}) {
  const { message, ...rest } = extra;
  return { error: { code, message: message ?? MESSAGES[code], ...rest } };
}

/** A zod issue as an error that names the field (findings carry what the extension shows in its language). */
export function issueError(issue: { path: PropertyKey[]; message: string; input?: unknown }): ErrorExtra {
  const field = issue.path.map(String).join('.') || 'body';
  const last = String(issue.path[issue.path.length - 1] ?? '');
  if (issue.message.startsWith('host-invalid:')) {
    const f: Finding = { code: 'host-invalid', severity: 'error', field: 'host', variant: issue.message.slice('host-invalid:'.length) };
    return { field, message: findingText(f, 'en'), findings: [f] };
  }
  if (last === 'port') {
    const f: Finding = { code: 'port-invalid', severity: 'error', field: 'port', variant: 'range', params: { value: String(issue.input ?? '').slice(0, 10) } };
    return { field, message: findingText(f, 'en'), findings: [f] };
  }
  return { field, params: { field }, message: `Field "${field}" is missing or invalid.` };
}

/** The guard's refusal as an HTTP answer (400). */
export function guardError(c: Context, g: GuardFailure, smtpPorts: readonly number[]) {
  if (g.code === 'port_not_allowed') {
    const ports = [...smtpPorts].sort((a, b) => a - b).join(', ');
    return c.json(errorBody('port_not_allowed', { field: 'port', params: { ports }, message: `Port: only SMTP ports (${ports}) can be tested.` }), 400);
  }
  if (g.code === 'target_not_allowed') return c.json(errorBody('target_not_allowed', { field: 'host' }), 400);
  return c.json(errorBody('dns_failed', { field: 'host' }), 400);
}

/** The JSON body (read and capped by the body middleware, middleware.ts), or the 400 that says it is not JSON. */
export async function readJson(c: Context): Promise<{ ok: true; body: unknown } | { ok: false; res: Response }> {
  try {
    return { ok: true, body: JSON.parse(c.get('body' as never) as string) as unknown };
  } catch {
    return { ok: false, res: c.json(errorBody('invalid_json'), 400) };
  }
}
