import { LocalState } from '@/lib/prefs';

/** Marks a file as ours, so a random JSON object is refused instead of silently clearing the settings. */
export const EXPORT_KIND = 'mailserver-assistent';
export const EXPORT_VERSION = 1;
const MAX_BYTES = 64 * 1024;

/** The export: storage.local's state (LocalState never holds the password) with a kind marker. */
export function exportJson(state: LocalState): string {
  const clean = LocalState.parse(state);
  return JSON.stringify({ kind: EXPORT_KIND, version: EXPORT_VERSION, ...clean }, null, 2);
}

export type ImportResult = { ok: true; state: LocalState } | { ok: false; problem: 'too-big' | 'json' | 'shape'; detail: string };

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
  const r = LocalState.safeParse(rest);
  if (!r.success) {
    const paths = [...new Set(r.error.issues.map((i) => i.path.map(String).join('.') || '(root)'))];
    return { ok: false, problem: 'shape', detail: paths.slice(0, 3).join(', ') };
  }
  return { ok: true, state: r.data };
}
