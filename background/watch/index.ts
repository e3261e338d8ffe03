import { browser } from 'wxt/browser';
import { DEFAULT_TIMING, nextRunAt, planCheck, type WakeReason, type WatchTiming } from '@/lib/watch/schedule';
import { WATCH_ALARM, WATCH_ENABLED_KEY } from '@/lib/watch/record';
import { clearBadge, showBadge } from './badge';
import { codeOfNotice, optionsUrlFor } from './notify';
import { isWatchEnabled, loadWatchState, runWatchCheck } from './run';

/** The optional permissions the daily check needs; asked for when the admin turns it on (components/watch). */
export const WATCH_PERMISSIONS = ['alarms', 'notifications'] as const;

async function permitted(): Promise<boolean> {
  try {
    return !!browser.alarms && (await browser.permissions.contains({ permissions: [...WATCH_PERMISSIONS] }));
  } catch {
    return false;
  }
}

/**
 * The daily re-check in the background (issue 13): one alarm, set for the next check; a check at browser
 * start and a catch-up of a missed day; nothing at all unless the admin opted in (storage.local
 * watchEnabled) and granted the permissions. Call once, at the top of the background script.
 */
export function setupWatch(timing: WatchTiming = DEFAULT_TIMING): void {
  let running: Promise<unknown> | undefined;
  const check = () => {
    running ??= runWatchCheck()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  async function schedule(reason: WakeReason): Promise<void> {
    if (!(await isWatchEnabled()) || !(await permitted())) {
      await browser.alarms?.clear(WATCH_ALARM).catch(() => false);
      return;
    }
    const state = await loadWatchState();
    if (reason === 'wake') await showBadge(state.history.at(-1)?.findings ?? []).catch(() => undefined);
    const existing = await browser.alarms.get(WATCH_ALARM).catch(() => undefined);
    const now = Date.now();
    const plan = planCheck({ now, lastRunAt: state.lastRunAt, scheduledAt: existing?.scheduledTime, reason, timing, random: Math.random });
    if (plan.at <= now) {
      await check();
      await browser.alarms.create(WATCH_ALARM, { when: nextRunAt(Date.now(), timing, Math.random) });
    } else if (existing?.scheduledTime !== plan.at) {
      await browser.alarms.create(WATCH_ALARM, { when: plan.at });
    }
  }

  async function onAlarm(): Promise<void> {
    if (!(await isWatchEnabled())) return;
    await check();
    await browser.alarms.create(WATCH_ALARM, { when: nextRunAt(Date.now(), timing, Math.random) });
  }

  // Listeners on optional APIs: there when the permission is (also after it is granted while running).
  let listening = false;
  const listen = () => {
    if (listening || !browser.alarms) return;
    listening = true;
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === WATCH_ALARM) void onAlarm();
    });
    browser.notifications?.onClicked.addListener((id) => {
      const code = codeOfNotice(id);
      if (!code) return;
      void browser.tabs.create({ url: optionsUrlFor(code) });
      void browser.notifications.clear(id);
    });
  };
  listen();
  browser.permissions.onAdded?.addListener(() => {
    listen();
    void schedule('wake');
  });
  browser.runtime.onStartup.addListener(() => void schedule('startup'));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(WATCH_ENABLED_KEY in changes)) return;
    if (changes[WATCH_ENABLED_KEY]!.newValue === true) {
      listen();
      void schedule('enabled');
    } else {
      void browser.alarms?.clear(WATCH_ALARM).catch(() => false);
      void clearBadge().catch(() => undefined);
    }
  });
  // Every time the background wakes: a missed check is caught up, the badge is restored.
  void schedule('wake');
}
