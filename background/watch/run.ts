import { browser } from 'wxt/browser';
import { DEFAULT_BACKEND_URL } from '@/lib/prefs';
import { langFromLocale } from '@/lib/i18n/lang';
import { evaluate, planWatch, recordCheck } from '@/lib/watch/check';
import { readWatchState, WATCH_ENABLED_KEY, WATCH_STATE_KEY, type WatchResult, type WatchState } from '@/lib/watch/record';
import { createBackendClient } from '@/services/backend-client';
import { loadLocal } from '@/services/settings-store';
import { showBadge } from './badge';
import { notifyProblem } from './notify';

export async function loadWatchState(): Promise<WatchState> {
  return readWatchState((await browser.storage.local.get(WATCH_STATE_KEY))[WATCH_STATE_KEY]);
}

export async function isWatchEnabled(): Promise<boolean> {
  return (await browser.storage.local.get(WATCH_ENABLED_KEY))[WATCH_ENABLED_KEY] === true;
}

/** How long one check may take in all (a probe has its own deadlines; this only stops a hung backend). */
const CHECK_TIMEOUT_MS = 60_000;

/**
 * One check of the saved configuration: probe host/port/encryption without credentials, discover the
 * domain, look at the calendar; store the result (storage.local, no secrets), set the badge, and notify
 * each new problem once. Returns undefined when the watch is off or nothing is saved yet.
 */
export async function runWatchCheck(now: () => number = Date.now, fetchImpl?: typeof fetch): Promise<WatchResult | undefined> {
  if (!(await isWatchEnabled())) return undefined;
  const local = await loadLocal();
  const plan = planWatch(local.settings, local.wizard);
  if (!plan) return undefined;
  const backendUrl = local.prefs?.backendUrl ?? DEFAULT_BACKEND_URL;
  const client = createBackendClient(backendUrl, fetchImpl);
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), CHECK_TIMEOUT_MS);
  try {
    // plan.probe has no auth: the password stays in storage.session.
    const probe = await client.probe(plan.probe, stop.signal);
    const discover = probe.ok && plan.domain ? await client.discover({ domain: plan.domain }) : undefined;
    const previous = await loadWatchState();
    const at = now();
    const outcome = evaluate({ plan, now: at, backendUrl: client.baseUrl, probe, discover, previous });
    const { state, result, notify } = recordCheck(previous, at, plan.target, outcome);
    // Turned off while the check ran: keep nothing, say nothing.
    if (!(await isWatchEnabled())) return undefined;
    await browser.storage.local.set({ [WATCH_STATE_KEY]: state });
    await showBadge(result.findings);
    const lang = local.prefs?.lang ?? langFromLocale(globalThis.navigator?.language);
    for (const f of notify) await notifyProblem(f, at, lang);
    return result;
  } finally {
    clearTimeout(timer);
  }
}
