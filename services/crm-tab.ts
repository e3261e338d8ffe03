import { browser } from 'wxt/browser';
import { urlMatchesAny } from '@/lib/match-pattern';
import { crmPatterns } from './crm-patterns';
import type { CheckResponse, PageToBackground, PointResponse, StatusResponse, TabFillResponse } from '@/messaging/messages';
import type { Lang } from '@/lib/i18n/define';

/**
 * The popup's and the wizard's view of the CRM tab. They find the tab; every command goes to the
 * background (background/page-router.ts), which checks it and talks to the content script.
 */


type Tab = { id?: number; url?: string; active?: boolean; lastAccessed?: number; windowId?: number };

/** The active tab when it is the CRM; with `anyCrmTab` (the wizard, whose own tab is active) the most recent CRM tab. */
async function findCrmTab(anyCrmTab: boolean): Promise<Tab | undefined> {
  const patterns = crmPatterns();
  const [active] = (await browser.tabs.query({ active: true, lastFocusedWindow: true })) as Tab[];
  if (active && urlMatchesAny(active.url, patterns)) return active;
  if (!anyCrmTab) return undefined;
  const tabs = ((await browser.tabs.query({ url: patterns })) as Tab[]).filter((t) => urlMatchesAny(t.url, patterns));
  return tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}

/** Asks the background (the one policy point), which checks the tab and talks to its content script. */
async function ask<T>(msg: PageToBackground): Promise<T | undefined> {
  return (await browser.runtime.sendMessage(msg).catch(() => undefined)) as T | undefined;
}

export type CrmTabStatus =
  | { crm: false }
  | { crm: true; tabId: number; url: string; reachable: false }
  | ({ crm: true; tabId: number; url: string; reachable: true } & StatusResponse);

/** Is the active tab the CRM, and which screen does it show ('smtp', 'rights', 'validation', 'none')? */
export async function getCrmTabStatus(opts: { anyCrmTab?: boolean } = {}): Promise<CrmTabStatus> {
  const tab = await findCrmTab(!!opts.anyCrmTab);
  if (!tab || typeof tab.id !== 'number' || !tab.url) return { crm: false };
  const status = await ask<StatusResponse>({ type: 'crm/tab-status', tabId: tab.id });
  return status ? { crm: true, tabId: tab.id, url: tab.url, reachable: true, ...status } : { crm: true, tabId: tab.id, url: tab.url, reachable: false };
}

/**
 * Fills the SMTP form in the active CRM tab with the wizard's settings (or a preset); the background
 * adds the session's password under the password rule. Call it only from the admin's click. Refused
 * if the tab is no longer on the origin this function saw.
 */
export async function fillActiveCrmTab(presetId?: string): Promise<TabFillResponse> {
  const tab = await findCrmTab(false);
  if (!tab?.url || typeof tab.id !== 'number') return { ok: false, error: 'no-crm-tab' };
  const res = await ask<TabFillResponse>({ type: 'crm/tab-fill', tabId: tab.id, origin: new URL(tab.url).origin, ...(presetId ? { presetId } : {}) });
  return res ?? { ok: false, error: 'unreachable' };
}

/** The form's current values in the active CRM tab, with findings (texts included) and the support report. */
export async function checkActiveCrmTab(lang?: Lang): Promise<CheckResponse | undefined> {
  const tab = await findCrmTab(false);
  return tab && typeof tab.id === 'number' ? ask<CheckResponse>({ type: 'crm/tab-check', tabId: tab.id, ...(lang ? { lang } : {}) }) : undefined;
}

/** Points at the block "Eigen mailserver" on the Rechten page (outline, scroll; never a click), bringing that tab forward. */
export async function pointAtRightSwitch(): Promise<{ ok: boolean; reason?: 'no-crm-tab' | 'not-rights-page' | 'unreachable'; right?: PointResponse['right'] }> {
  const tab = await findCrmTab(true);
  if (!tab || typeof tab.id !== 'number') return { ok: false, reason: 'no-crm-tab' };
  const res = await ask<PointResponse>({ type: 'crm/tab-point', tabId: tab.id });
  if (!res) return { ok: false, reason: 'unreachable' };
  if (!res.ok) return { ok: false, reason: 'not-rights-page' };
  await browser.tabs.update(tab.id, { active: true }).catch(() => undefined);
  if (typeof tab.windowId === 'number') await browser.windows?.update(tab.windowId, { focused: true }).catch(() => undefined);
  return { ok: true, right: res.right };
}
