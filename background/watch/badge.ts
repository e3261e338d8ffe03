import { browser } from 'wxt/browser';
import type { Finding } from '@/lib/findings';
import { badgeFor } from '@/lib/watch/record';

/** The toolbar button's API: `action` (MV3), `browserAction` (Firefox MV2). */
function actionApi(): typeof browser.action | undefined {
  return browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
}

/** The badge for these findings: errors in red, else warnings in amber, else cleared. */
export async function showBadge(findings: readonly Finding[]): Promise<void> {
  const api = actionApi();
  if (!api) return;
  const { text, color } = badgeFor(findings);
  await api.setBadgeBackgroundColor({ color });
  await api.setBadgeText({ text });
}

export async function clearBadge(): Promise<void> {
  await actionApi()?.setBadgeText({ text: '' });
}
