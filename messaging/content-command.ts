import { STEP_NAMES } from '@/lib/probe-steps';
import type { ContentCommand, ProbeResultMessage, ProbeStepMessage } from './messages';

// Kept free of zod and of lib/settings.ts (whose schemas zod builds at load time): the content script
// imports this and must stay small. messaging/messages.test.ts checks it accepts exactly what ContentCommand does.
const ENCRYPTIONS: readonly unknown[] = ['tls', 'tls-if-available', 'ssl', 'none'];
const AUTH_METHODS: readonly unknown[] = ['password', 'ip-whitelist'];
const COMMANDS = new Set(['crm/status', 'crm/read', 'crm/apply-fill', 'crm/point-at-right']);
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const optStr = (x: unknown, max: number) => x === undefined || (typeof x === 'string' && x.length <= max);

/**
 * The content script's check of ContentCommand, without zod: the content script loads on every CRM page
 * and must stay small. Accepts exactly what ContentCommand accepts (messaging/messages.test.ts compares them).
 */
export function isContentCommand(raw: unknown): raw is ContentCommand {
  if (!isObj(raw) || typeof raw.type !== 'string' || !COMMANDS.has(raw.type)) return false;
  if (raw.type !== 'crm/apply-fill') return true;
  const d = raw.draft;
  if (!isObj(d) || typeof raw.origin !== 'string' || raw.origin.length > 300) return false;
  const port = d.port;
  return (
    optStr(d.host, 300) &&
    (port === undefined || (typeof port === 'number' && Number.isInteger(port)) || (typeof port === 'string' && port.length <= 10)) &&
    (d.encryption === undefined || ENCRYPTIONS.includes(d.encryption)) &&
    (d.authMethod === undefined || AUTH_METHODS.includes(d.authMethod)) &&
    optStr(d.username, 320) &&
    optStr(d.password, 1024) &&
    (d.mode === undefined || d.mode === 'relay' || d.mode === 'mailbox')
  );
}

/** What the content script reports about Wachtwoord: the one definition lives in lib/password.ts. */
export { passwordState } from '@/lib/password';

/** The name of the Port a content script opens for a live "Controleren" (messaging/messages.ts ProbeStepMessage). */
export const PROBE_PORT = 'crm/probe';

const STEP_STATUSES: readonly unknown[] = ['ok', 'warn', 'fail', 'skipped'];
const optString = (x: unknown) => x === undefined || typeof x === 'string';

/** The content script's check of a `crm/probe-step` on its probe Port; accepts exactly what ProbeStepMessage does (messaging/messages.test.ts). */
export function isProbeStepMessage(raw: unknown): raw is ProbeStepMessage {
  const names: readonly unknown[] = STEP_NAMES;
  if (!isObj(raw) || raw.type !== 'crm/probe-step' || !isObj(raw.step)) return false;
  const s = raw.step;
  return names.includes(s.step) && STEP_STATUSES.includes(s.status) && typeof s.ms === 'number' && Number.isFinite(s.ms) && optString(s.code) && optString(s.message) && optString(s.reply);
}

/** The probe's outcome on the Port: shaped as the `crm/probe` answer (which the content script gets from the same background). */
export function isProbeResultMessage(raw: unknown): raw is ProbeResultMessage {
  return isObj(raw) && raw.type === 'crm/probe-result' && isObj(raw.response) && typeof raw.response.ok === 'boolean';
}
