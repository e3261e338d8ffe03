/**
 * When the daily re-check runs: pure, with the clock and the random source passed in.
 *
 * - One check per period (a day), at the last check + period + jitter, so thousands of browsers do not ask
 *   the backend at the same minute.
 * - At browser start a check runs (after a short jitter) unless the last one is recent: a check missed while
 *   the browser was closed or offline is caught up then.
 * - Whenever the background wakes (a service worker starts many times a day) a check runs only when one is due.
 */
export const DAY_MS = 86_400_000;

export interface WatchTiming {
  /** Time between checks (a day; a test build may shorten it). */
  periodMs: number;
  /** Up to this much is added to each scheduled time (spreads the load). */
  jitterMs: number;
  /** At browser start: no new check when the last one is younger than this. */
  startupGapMs: number;
  /** At browser start: a check waits up to this long (the network is often not up yet). */
  startupJitterMs: number;
}

export const DEFAULT_TIMING: WatchTiming = { periodMs: DAY_MS, jitterMs: 60 * 60_000, startupGapMs: 4 * 3_600_000, startupJitterMs: 2 * 60_000 };

/** A random number in [0, 1), as Math.random gives; tests pass a fixed one. */
export type Random = () => number;

const jitter = (max: number, random: Random) => {
  const r = random();
  return Math.floor((Number.isFinite(r) ? Math.max(0, Math.min(0.999999, r)) : 0) * Math.max(0, max));
};

/** The time of the next check after one at `lastRunAt`. */
export function nextRunAt(lastRunAt: number, timing: WatchTiming, random: Random): number {
  return lastRunAt + timing.periodMs + jitter(timing.jitterMs, random);
}

/** Is a check due: never run, the last one a full period ago, or the clock went back past it. */
export function isDue(now: number, lastRunAt: number | undefined, timing: WatchTiming): boolean {
  if (lastRunAt === undefined || !Number.isFinite(lastRunAt)) return true;
  if (lastRunAt > now) return true; // the clock was set back: trust nothing, check
  return now - lastRunAt >= timing.periodMs;
}

export type WakeReason = 'startup' | 'wake' | 'enabled' | 'alarm';

export interface Plan {
  /** When the next check should run (the alarm's time). */
  at: number;
  /** Why: the regular day, a catch-up of a missed one, the browser start, or the first check after opting in. */
  kind: 'scheduled' | 'catch-up' | 'startup' | 'first';
}

/**
 * What to schedule when the background wakes for `reason`. The caller sets one alarm at `plan.at`
 * (a time at or before now means "run now"). `scheduledAt` is the alarm already set, if any.
 */
export function planCheck(input: { now: number; lastRunAt?: number; scheduledAt?: number; reason: WakeReason; timing: WatchTiming; random: Random }): Plan {
  const { now, lastRunAt, scheduledAt, reason, timing, random } = input;
  if (reason === 'enabled' && lastRunAt === undefined) return { at: now, kind: 'first' };
  if (reason === 'startup') {
    const recent = lastRunAt !== undefined && lastRunAt <= now && now - lastRunAt < timing.startupGapMs;
    if (!recent) return { at: now + jitter(timing.startupJitterMs, random), kind: isDue(now, lastRunAt, timing) && lastRunAt !== undefined ? 'catch-up' : 'startup' };
  }
  if (isDue(now, lastRunAt, timing)) return { at: now + jitter(Math.min(timing.startupJitterMs, timing.periodMs / 10), random), kind: lastRunAt === undefined ? 'first' : 'catch-up' };
  // Not due: keep an alarm that is already set for a sensible time, else set the regular one.
  const regular = nextRunAt(lastRunAt!, timing, random);
  if (scheduledAt !== undefined && scheduledAt > now && scheduledAt <= lastRunAt! + timing.periodMs + timing.jitterMs) return { at: scheduledAt, kind: 'scheduled' };
  return { at: regular, kind: 'scheduled' };
}
