import { browser } from 'wxt/browser';
import { urlMatchesAny } from '@/lib/match-pattern';
import type { ApplyFillResponse, CheckResponse, PointResponse, StatusResponse } from '@/messaging/messages';
import { composeFill } from '@/lib/compose-fill';
import { loadDraft, loadLocal } from './settings-store';

/**
 * The popup's and the wizard's view of the CRM tab. Commands go straight to the content script in
 * the tab's top frame (tabs.sendMessage, frameId 0); only extension pages can do that.
 */

/** The CRM origins: the content script's match patterns in this build's manifest. */
export const crmPatterns = (): string[] => (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);

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

async function send<T>(tab: Tab, msg: object): Promise<T | undefined> {
  if (typeof tab.id !== 'number') return undefined;
  return (await browser.tabs.sendMessage(tab.id, msg, { frameId: 0 }).catch(() => undefined)) as T | undefined;
}

export type CrmTabStatus =
  | { crm: false }
  | { crm: true; tabId: number; url: string; reachable: false }
  | ({ crm: true; tabId: number; url: string; reachable: true } & StatusResponse);

/** Is the active tab the CRM, and which screen does it show ('smtp', 'rights', 'validation', 'none')? */
export async function getCrmTabStatus(opts: { anyCrmTab?: boolean } = {}): Promise<CrmTabStatus> {
  const tab = await findCrmTab(!!opts.anyCrmTab);
  if (!tab || typeof tab.id !== 'number' || !tab.url) return { crm: false };
  const status = await send<StatusResponse>(tab, { type: 'crm/status' });
  return status ? { crm: true, tabId: tab.id, url: tab.url, reachable: true, ...status } : { crm: true, tabId: tab.id, url: tab.url, reachable: false };
}

/**
 * Fills the SMTP form in the active CRM tab with the wizard's settings (or a preset) and the session's
 * password. Call it only from the admin's click. The content script refuses if its page is no longer
 * on the origin this function saw.
 */
export async function fillActiveCrmTab(presetId?: string): Promise<ApplyFillResponse | { ok: false; error: 'no-crm-tab' | 'nothing-saved' | 'unreachable' }> {
  const tab = await findCrmTab(false);
  if (!tab?.url) return { ok: false, error: 'no-crm-tab' };
  const [draft, local] = await Promise.all([loadDraft(), loadLocal()]);
  const fill = composeFill(draft, presetId, { domain: local.wizard?.validation?.domain });
  if (!fill) return { ok: false, error: 'nothing-saved' };
  const res = await send<ApplyFillResponse>(tab, { type: 'crm/apply-fill', draft: fill, origin: new URL(tab.url).origin });
  return res ?? { ok: false, error: 'unreachable' };
}

/** The form's current values in the active CRM tab, with findings (texts included) and the support report. */
export async function checkActiveCrmTab(): Promise<CheckResponse | undefined> {
  const tab = await findCrmTab(false);
  return tab ? send<CheckResponse>(tab, { type: 'crm/check' }) : undefined;
}

/** Points at the block "Eigen mailserver" on the Rechten page (outline, scroll; never a click), bringing that tab forward. */
export async function pointAtRightSwitch(): Promise<{ ok: boolean; reason?: 'no-crm-tab' | 'not-rights-page' | 'unreachable'; right?: PointResponse['right'] }> {
  const tab = await findCrmTab(true);
  if (!tab || typeof tab.id !== 'number') return { ok: false, reason: 'no-crm-tab' };
  const res = await send<PointResponse>(tab, { type: 'crm/point-at-right' });
  if (!res) return { ok: false, reason: 'unreachable' };
  if (!res.ok) return { ok: false, reason: 'not-rights-page' };
  await browser.tabs.update(tab.id, { active: true }).catch(() => undefined);
  if (typeof tab.windowId === 'number') await browser.windows?.update(tab.windowId, { focused: true }).catch(() => undefined);
  return { ok: true, right: res.right };
}
