import { LocalState } from '@/lib/prefs';

/** Marks a file as ours, so a random JSON object is refused instead of silently clearing the settings. */
const EXPORT_KIND = 'mailserver-assistent';
const EXPORT_VERSION = 1;
const MAX_BYTES = 64 * 1024;

/** The export: storage.local's state (LocalState never holds the password) with a kind marker. */
export function exportJson(state: LocalState): string {
  const clean = LocalState.parse(state);
  return JSON.stringify({ kind: EXPORT_KIND, version: EXPORT_VERSION, ...clean }, null, 2);
}

export type ImportResult = { ok: true; state: LocalState } | { ok: false; problem: 'too-big' | 'json' | 'shape' | 'secret' | 'backend-url'; detail: string };

/** The path of the first key that looks like a secret (password, wachtwoord, secret, token), at any depth. */
function secretPath(x: unknown, path: string[] = []): string | undefined {
  if (!x || typeof x !== 'object') return undefined;
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
    if (/pass(word)?|wachtwoord|secret|token/i.test(k)) return [...path, k].join('.');
    const inner = secretPath(v, [...path, k]);
    if (inner) return inner;
  }
  return undefined;
}

/** Parses an export; anything else is refused whole (nothing half-imported). */
export function parseImport(text: string): ImportResult {
  if (text.length > MAX_BYTES) return { ok: false, problem: 'too-big', detail: `${text.length}` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: 'json', detail: e instanceof Error ? e.message : 'JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'shape', detail: 'not an object' };
  const { kind, version, ...rest } = raw as Record<string, unknown>;
  if (kind !== EXPORT_KIND) return { ok: false, problem: 'shape', detail: 'kind' };
  if (version !== EXPORT_VERSION) return { ok: false, problem: 'shape', detail: `version ${String(version)}` };
  // An export never holds a password: a file that does was edited or is not ours; refused whole, not silently stripped.
  const secret = secretPath(rest);
  if (secret) return { ok: false, problem: 'secret', detail: secret };
  const r = LocalState.safeParse(rest);
  if (!r.success) {
    if (r.error.issues.some((i) => i.path.join('.') === 'prefs.backendUrl')) {
      const url = (rest as { prefs?: { backendUrl?: unknown } }).prefs?.backendUrl;
      return { ok: false, problem: 'backend-url', detail: typeof url === 'string' ? url.slice(0, 200) : '?' };
    }
    const paths = [...new Set(r.error.issues.map((i) => i.path.map(String).join('.') || '(root)'))];
    return { ok: false, problem: 'shape', detail: paths.slice(0, 3).join(', ') };
  }
  return { ok: true, state: r.data };
}
