import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_TIMING, isDue, nextRunAt, planCheck, type WatchTiming } from './schedule';

// A fake clock: times are plain numbers; the random source is fixed per test.
const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const H = 3_600_000;
const timing: WatchTiming = { periodMs: DAY_MS, jitterMs: H, startupGapMs: 4 * H, startupJitterMs: 2 * 60_000 };
const fixed = (x: number) => () => x;

describe('nextRunAt: a day later, plus jitter', () => {
  it('adds the period and a share of the jitter window', () => {
    expect(nextRunAt(T0, timing, fixed(0))).toBe(T0 + DAY_MS);
    expect(nextRunAt(T0, timing, fixed(0.5))).toBe(T0 + DAY_MS + H / 2);
  });
  it('stays inside the window whatever the random source says', () => {
    for (const r of [-1, 0, 0.25, 0.999999, 1, 7, NaN]) {
      const at = nextRunAt(T0, timing, fixed(r));
      expect(at).toBeGreaterThanOrEqual(T0 + DAY_MS);
      expect(at).toBeLessThan(T0 + DAY_MS + H);
    }
  });
  it('spreads browsers over the window (different random values, different times)', () => {
    const times = new Set([0.1, 0.2, 0.3, 0.4].map((r) => nextRunAt(T0, timing, fixed(r))));
    expect(times.size).toBe(4);
  });
});

describe('isDue', () => {
  it('never run, or a full period ago: due', () => {
    expect(isDue(T0, undefined, timing)).toBe(true);
    expect(isDue(T0 + DAY_MS, T0, timing)).toBe(true);
    expect(isDue(T0 + DAY_MS - 1, T0, timing)).toBe(false);
  });
  it('a clock set back before the last run: due (nothing to trust)', () => {
    expect(isDue(T0 - H, T0, timing)).toBe(true);
  });
});

describe('planCheck', () => {
  it('the first check after opting in runs at once', () => {
    expect(planCheck({ now: T0, reason: 'enabled', timing, random: fixed(0.9) })).toEqual({ at: T0, kind: 'first' });
  });

  it('a wake-up before the day is over keeps the day\'s alarm', () => {
    const scheduledAt = T0 + DAY_MS + H / 4;
    expect(planCheck({ now: T0 + 5 * H, lastRunAt: T0, scheduledAt, reason: 'wake', timing, random: fixed(0.9) })).toEqual({ at: scheduledAt, kind: 'scheduled' });
  });

  it('a wake-up without an alarm sets the regular one (a day after the last check, with jitter)', () => {
    expect(planCheck({ now: T0 + 5 * H, lastRunAt: T0, reason: 'wake', timing, random: fixed(0.5) })).toEqual({ at: T0 + DAY_MS + H / 2, kind: 'scheduled' });
  });

  it('an alarm set for a strange time (far future) is replaced by the regular one', () => {
    const p = planCheck({ now: T0 + H, lastRunAt: T0, scheduledAt: T0 + 30 * DAY_MS, reason: 'wake', timing, random: fixed(0) });
    expect(p).toEqual({ at: T0 + DAY_MS, kind: 'scheduled' });
  });

  it('catch-up: the browser was closed (offline) over the check time; the next start runs it soon', () => {
    // Last check Monday 09:00; the browser comes back Wednesday 08:00.
    const now = T0 + 2 * DAY_MS - H;
    const p = planCheck({ now, lastRunAt: T0, scheduledAt: T0 + DAY_MS, reason: 'startup', timing, random: fixed(0.5) });
    expect(p.kind).toBe('catch-up');
    expect(p.at).toBeGreaterThanOrEqual(now);
    expect(p.at).toBeLessThanOrEqual(now + timing.startupJitterMs);
  });

  it('catch-up also when the service worker merely wakes after a missed day', () => {
    const now = T0 + DAY_MS + 3 * H;
    const p = planCheck({ now, lastRunAt: T0, reason: 'wake', timing, random: fixed(0) });
    expect(p).toEqual({ at: now, kind: 'catch-up' });
  });

  it('at browser start: a check, unless the last one is recent', () => {
    const recent = planCheck({ now: T0 + H, lastRunAt: T0, scheduledAt: T0 + DAY_MS, reason: 'startup', timing, random: fixed(0) });
    expect(recent).toEqual({ at: T0 + DAY_MS, kind: 'scheduled' });
    const older = planCheck({ now: T0 + 6 * H, lastRunAt: T0, scheduledAt: T0 + DAY_MS, reason: 'startup', timing, random: fixed(0.5) });
    expect(older).toEqual({ at: T0 + 6 * H + timing.startupJitterMs / 2, kind: 'startup' });
  });

  it('with the default timing a start never waits longer than the start jitter', () => {
    const now = T0 + 10 * DAY_MS;
    const p = planCheck({ now, lastRunAt: T0, reason: 'startup', timing: DEFAULT_TIMING, random: fixed(0.999) });
    expect(p.at - now).toBeLessThan(DEFAULT_TIMING.startupJitterMs);
  });

  it('a short test period works the same way (period and jitter are parameters)', () => {
    const short: WatchTiming = { periodMs: 10_000, jitterMs: 1_000, startupGapMs: 5_000, startupJitterMs: 0 };
    expect(planCheck({ now: T0 + 4_000, lastRunAt: T0, reason: 'wake', timing: short, random: fixed(0.5) })).toEqual({ at: T0 + 10_500, kind: 'scheduled' });
    expect(planCheck({ now: T0 + 10_000, lastRunAt: T0, reason: 'alarm', timing: short, random: fixed(0.5) })).toEqual({ at: T0 + 10_000, kind: 'catch-up' });
  });
});
