import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { createCrmRouter } from '@/background/crm-router';
import { createPageRouter } from '@/background/page-router';
import { loadDraft, loadLocal } from '@/services/settings-store';
import { crmPatterns } from '@/services/crm-patterns';
import { probeViaBackend } from '@/background/probe-via-backend';
import { PROBE_PORT } from '@/messaging/content-command';
import { setupWatch } from '@/background/watch';

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
  // Every crm/* message is parsed and its sender checked inside the routers; others are left to other listeners.
  // crm/tab-* come from our own pages (popup, options), the other crm/* from our content script.
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    const type = typeof msg === 'object' && msg !== null ? String((msg as { type?: unknown }).type) : '';
    if (type.startsWith('crm/tab-')) return routePage(msg, sender);
    return type.startsWith('crm/') ? route(msg, sender) : undefined;
  });
  // A live "Controleren": the content script's own Port; the same sender checks, inside probePort().
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PROBE_PORT) route.probePort(port);
  });
});
