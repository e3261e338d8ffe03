import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { readWatchState, WATCH_ENABLED_KEY, WATCH_STATE_KEY, type WatchState } from '@/lib/watch/record';

/** The optional permissions of the daily check (kept equal to wxt.config.ts). */
export const WATCH_PERMISSIONS = ['alarms', 'notifications'];

export interface WatchView {
  enabled: boolean;
  state: WatchState;
}

async function loadWatchView(): Promise<WatchView> {
  const raw = await browser.storage.local.get([WATCH_ENABLED_KEY, WATCH_STATE_KEY]);
  return { enabled: raw[WATCH_ENABLED_KEY] === true, state: readWatchState(raw[WATCH_STATE_KEY]) };
}

export async function setWatchEnabled(on: boolean): Promise<void> {
  await browser.storage.local.set({ [WATCH_ENABLED_KEY]: on });
}

/** The watch's stored state, kept current as the background writes new results. */
export function useWatchView(): WatchView | undefined {
  const [view, setView] = useState<WatchView>();
  useEffect(() => {
    let live = true;
    const refresh = () => void loadWatchView().then((v) => live && setView(v));
    refresh();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (WATCH_ENABLED_KEY in changes || WATCH_STATE_KEY in changes)) refresh();
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, []);
  return view;
}

export function formatTime(at: number, lang: string): string {
  return new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
}
