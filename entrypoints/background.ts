import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { createCrmRouter } from '@/background/crm-router';
import { createPageRouter } from '@/background/page-router';
import { loadDraft, loadLocal } from '@/services/settings-store';
import { crmPatterns } from '@/services/crm-patterns';
import { probeViaBackend } from '@/background/probe-via-backend';
import { PROBE_PORT } from '@/messaging/content-command';
import { setupWatch } from '@/background/watch';
import { createPanelInjector, scriptTarget } from '@/background/panel-inject';
import { PANEL_LOAD, PANEL_SCRIPT } from '@/messaging/panel-load';

export default defineBackground(() => {
  setupWatch();
  const common = {
    runtimeId: browser.runtime.id,
    crmMatches: crmPatterns(),
    loadDraft,
    loadLocal,
    currentTabUrl: async (tabId: number) => (await browser.tabs.get(tabId).catch(() => undefined))?.url,
  };
  const route = createCrmRouter({ ...common, probe: probeViaBackend });
  const routePage = createPageRouter({
    ...common,
    extensionOrigin: browser.runtime.getURL('/'),
    sendToTab: (tabId, msg) => browser.tabs.sendMessage(tabId, msg, { frameId: 0 }).catch(() => undefined),
    browserLang: navigator.language,
  });
  // The panel's script (entrypoints/crm-panel/). The cast: WXT types `files` from the generated .wxt/types, and a
  // checkout whose .wxt predates crm-panel.js (before `wxt prepare` or a build) would refuse the name in typecheck.
  const loadPanel = createPanelInjector({
    ...common,
    inject: (target) => browser.scripting.executeScript({ target: scriptTarget(target), files: [PANEL_SCRIPT as string as ScriptPublicPath] }),
  });
  // Every crm/* message is parsed and its sender checked inside the routers; others are left to other listeners.
  // crm/tab-* come from our own pages (popup, options), the other crm/* from our content script.
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    const type = typeof msg === 'object' && msg !== null ? String((msg as { type?: unknown }).type) : '';
    if (type.startsWith('crm/tab-')) return routePage(msg, sender);
    if (type === PANEL_LOAD) return loadPanel(msg, sender);
    return type.startsWith('crm/') ? route(msg, sender) : undefined;
  });
  // A live "Controleren": the content script's own Port; the same sender checks, inside probePort().
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PROBE_PORT) route.probePort(port);
  });
});
