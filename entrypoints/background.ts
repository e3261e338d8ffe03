import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { createCrmRouter } from '@/background/crm-router';
import { loadDraft, loadLocal } from '@/services/settings-store';
import { probeViaBackend } from '@/background/probe-via-backend';
import { PROBE_PORT } from '@/messaging/content-command';
import { setupWatch } from '@/background/watch';

export default defineBackground(() => {
  setupWatch();
  const manifest = browser.runtime.getManifest();
  const route = createCrmRouter({
    runtimeId: browser.runtime.id,
    crmMatches: (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []),
    loadDraft,
    loadValidationDomain: async () => (await loadLocal()).wizard?.validation?.domain,
    currentTabUrl: async (tabId) => (await browser.tabs.get(tabId).catch(() => undefined))?.url,
    probe: probeViaBackend,
  });
  // Every crm/* message is parsed and its sender checked inside route(); others are left to other listeners.
  browser.runtime.onMessage.addListener((msg: unknown, sender) =>
    typeof msg === 'object' && msg !== null && String((msg as { type?: unknown }).type).startsWith('crm/') ? route(msg, sender) : undefined,
  );
  // A live "Controleren": the content script's own Port; the same sender checks, inside probePort().
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PROBE_PORT) route.probePort(port);
  });
});
