import type { browser } from 'wxt/browser';
import { PANEL_LOAD } from '@/messaging/panel-load';
import { PANEL_GLOBAL, type CreatePanelUi } from './panel-contract';

/** After this many failed loads on one page the content script stops asking (the extension was reloaded, or is broken). */
const MAX_TRIES = 3;

/**
 * Loads the panel once per page: asks the background to inject entrypoints/crm-panel/ into this frame, then
 * takes the factory that script left in the shared isolated world (and removes it there). The background
 * answers after the script has run. A failed load may be tried again on a later change of the page.
 */
export function panelLoader(ext: typeof browser): () => Promise<CreatePanelUi | undefined> {
  let pending: Promise<CreatePanelUi | undefined> | undefined;
  let failures = 0;
  const g = globalThis as unknown as Record<string, unknown>;
  return () =>
    (pending ??= (async () => {
      if (failures >= MAX_TRIES) return undefined;
      delete g[PANEL_GLOBAL];
      await ext.runtime.sendMessage({ type: PANEL_LOAD }).catch(() => undefined);
      const create = g[PANEL_GLOBAL];
      delete g[PANEL_GLOBAL];
      if (typeof create === 'function') return create as CreatePanelUi;
      failures++;
      pending = undefined;
      return undefined;
    })());
}
