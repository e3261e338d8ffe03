import { z } from 'zod/mini';
import { PANEL_LOAD } from '@/messaging/panel-load';
import { isCrmContentScript, originOf, type Sender } from './policy';

// The panel loads lazily (issue 11): the content script on every CRM page holds only the locator and the
// command handling; when a screen appears it asks for the panel, and the background injects the panel's
// script (entrypoints/crm-panel/) into the asking document with scripting.executeScript. No
// web_accessible_resources: a page can neither load the panel's script nor probe for it. Permissions are
// unchanged: "scripting" and the CRM host permissions were already in the manifest.

export const PanelLoadMessage = z.strictObject({ type: z.literal(PANEL_LOAD) });

/** Where to inject: the top frame of the tab, and in Chrome exactly the document that asked (documentId). */
export interface InjectTarget {
  tabId: number;
  frameId: number;
  documentId?: string;
}

export interface PanelInjectDeps {
  runtimeId: string;
  /** The content script's match patterns (from the manifest), i.e. the CRM origins. */
  crmMatches: readonly string[];
  /** The tab's URL now: a tab that left the asker's origin gets nothing. */
  currentTabUrl: (tabId: number) => Promise<string | undefined>;
  /** Runs PANEL_SCRIPT in the target (scripting.executeScript); rejects when the browser refuses. */
  inject: (target: InjectTarget) => Promise<unknown>;
}

/**
 * The handler for `crm/panel-load`: only our own content script in the top frame of a CRM tab (the same
 * check as every crm/* message, background/policy.ts) gets the panel; anything else gets no answer.
 * Answers `{ ok }` after the script has run, so the content script can take the panel at once.
 */
export function createPanelInjector(deps: PanelInjectDeps) {
  return async (raw: unknown, sender: Sender & { documentId?: string }): Promise<{ ok: boolean } | undefined> => {
    if (!PanelLoadMessage.safeParse(raw).success || !isCrmContentScript(sender, deps)) return undefined;
    const tabId = sender.tab!.id!;
    // Firefox has no documentId: there the tab must still show the origin that asked.
    if (!sender.documentId && originOf(await deps.currentTabUrl(tabId)) !== originOf(sender.url)) return { ok: false };
    try {
      await deps.inject({ tabId, frameId: 0, ...(sender.documentId ? { documentId: sender.documentId } : {}) });
      return { ok: true };
    } catch {
      return { ok: false };
    }
  };
}

/** scripting.executeScript's target for InjectTarget: a documentId names the frame by itself. */
export const scriptTarget = (t: InjectTarget) => (t.documentId ? { tabId: t.tabId, documentIds: [t.documentId] } : { tabId: t.tabId, frameIds: [t.frameId] });
