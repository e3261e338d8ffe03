import type { Finding } from '../findings';
import type { Severity } from '../severity';

/**
 * What the daily re-check keeps in storage.local, and the hand-written guards that read it back (no zod: the
 * popup's "last check" section must stay small). Nothing here is secret: host, port, encryption, finding
 * codes and their parameters. Never a password or a user name.
 */
export const WATCH_ENABLED_KEY = 'watchEnabled';
export const WATCH_STATE_KEY = 'watchState';
/** storage.session: a record of the notifications shown (for the admin's own history and for tests). */
export const WATCH_NOTICES_KEY = 'watchNotices';
export const WATCH_ALARM = 'watch';
export const HISTORY_LIMIT = 10;

export interface WatchTarget {
  host: string;
  port: number;
  encryption: string;
}

export interface WatchResult {
  /** When the check ran (ms since 1970). */
  at: number;
  target: WatchTarget;
  /** 'unreachable': the backend could not be asked; the server findings are carried over from the last good check. */
  backend: 'ok' | 'unreachable';
  findings: Finding[];
  /** The server offered STARTTLS at this check (undefined when not known). */
  startTls?: boolean;
  /** Codes that are new since the previous result, and codes that are gone. */
  added: string[];
  removed: string[];
}

export interface WatchState {
  lastRunAt?: number;
  /** Problem keys already told about (a notification went out); see newProblems. */
  known: string[];
  /** Newest last; at most HISTORY_LIMIT. */
  history: WatchResult[];
}

export interface WatchNotice {
  key: string;
  code: string;
  at: number;
  notificationId: string;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isStr).slice(0, 100) : []);

function readFinding(v: unknown): Finding | undefined {
  if (!isObj(v) || !isStr(v.code) || !SEVERITIES.includes(v.severity as Severity)) return undefined;
  const params: Record<string, string | number> = {};
  if (isObj(v.params)) for (const [k, p] of Object.entries(v.params)) if (isStr(p) || typeof p === 'number') params[k] = isStr(p) ? p.slice(0, 500) : p;
  return {
    code: v.code as Finding['code'],
    severity: v.severity as Severity,
    ...(isStr(v.field) ? { field: v.field as Finding['field'] } : {}),
    ...(isStr(v.variant) ? { variant: v.variant } : {}),
    ...(Object.keys(params).length ? { params } : {}),
  };
}

function readResult(v: unknown): WatchResult | undefined {
  if (!isObj(v) || typeof v.at !== 'number' || !isObj(v.target)) return undefined;
  const t = v.target;
  if (!isStr(t.host) || typeof t.port !== 'number' || !isStr(t.encryption)) return undefined;
  return {
    at: v.at,
    target: { host: t.host, port: t.port, encryption: t.encryption },
    backend: v.backend === 'unreachable' ? 'unreachable' : 'ok',
    findings: (Array.isArray(v.findings) ? v.findings : []).map(readFinding).filter((f): f is Finding => !!f),
    ...(typeof v.startTls === 'boolean' ? { startTls: v.startTls } : {}),
    added: strings(v.added),
    removed: strings(v.removed),
  };
}

/** The stored state as far as it makes sense; anything else is dropped. */
export function readWatchState(v: unknown): WatchState {
  if (!isObj(v)) return { known: [], history: [] };
  const history = (Array.isArray(v.history) ? v.history : []).map(readResult).filter((r): r is WatchResult => !!r).slice(-HISTORY_LIMIT);
  return { ...(typeof v.lastRunAt === 'number' ? { lastRunAt: v.lastRunAt } : {}), known: strings(v.known), history };
}

export function readNotices(v: unknown): WatchNotice[] {
  return (Array.isArray(v) ? v : []).filter(
    (n): n is WatchNotice => isObj(n) && isStr(n.key) && isStr(n.code) && typeof n.at === 'number' && isStr(n.notificationId),
  );
}

/** The code of the finding the backend-down notice uses; never counted as a mail-server problem. */
export const BACKEND_CODE = 'watch-backend-unreachable';

/** Mail-server problems: errors and warnings, not the backend notice and not info. */
export const isProblem = (f: Pick<Finding, 'code' | 'severity'>): boolean => f.code !== BACKEND_CODE && f.severity !== 'info';

/** The toolbar badge: the number of errors in red, else of warnings in amber, else nothing. */
export function badgeFor(findings: readonly Pick<Finding, 'code' | 'severity'>[]): { text: string; color: string } {
  const problems = findings.filter(isProblem);
  const errors = problems.filter((f) => f.severity === 'error').length;
  const warnings = problems.filter((f) => f.severity === 'warning').length;
  if (errors) return { text: String(errors), color: BADGE_RED };
  if (warnings) return { text: String(warnings), color: BADGE_AMBER };
  return { text: '', color: BADGE_AMBER };
}
export const BADGE_RED = '#C5221F';
export const BADGE_AMBER = '#B06000';
