import { describe, expect, test } from 'vitest';
import type { browser } from 'wxt/browser';
import { panelLoader } from './panel-loader';
import { PANEL_GLOBAL, type CreatePanelUi } from './panel-contract';
import { PANEL_LOAD } from '@/messaging/panel-load';

// The content script's side of the lazy panel: one load per page, the factory taken from the shared world and
// removed there, a failed load tried again later (at most three times). That the background really injects
// the script is proven in Chromium and firefox-esr (test/e2e/crm-lazy-panel.test.ts, firefox.test.ts).

const g = globalThis as unknown as Record<string, unknown>;
const factory: CreatePanelUi = () => ({ sync() {}, render() {}, refresh() {}, has: () => false, removeAll() {} });

/** A runtime whose "background" runs `inject` for each request, as scripting.executeScript would run the script. */
function ext(inject: () => void) {
  const sent: unknown[] = [];
  const api = {
    runtime: {
      sendMessage: async (m: unknown) => {
        sent.push(m);
        inject();
        return { ok: true };
      },
    },
  } as unknown as typeof browser;
  return { api, sent };
}

describe('panelLoader', () => {
  test('asks once, takes the factory the injected script left, and removes it from the shared world', async () => {
    const { api, sent } = ext(() => (g[PANEL_GLOBAL] = factory));
    const load = panelLoader(api);
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(factory);
    expect(b).toBe(factory);
    expect(await load()).toBe(factory);
    expect(sent).toEqual([{ type: PANEL_LOAD }]);
    expect(PANEL_GLOBAL in g).toBe(false);
  });

  test('a factory left from before (another instance) is not taken without a fresh load', async () => {
    g[PANEL_GLOBAL] = () => {
      throw new Error('stale');
    };
    const { api } = ext(() => undefined);
    expect(await panelLoader(api)()).toBeUndefined();
    expect(PANEL_GLOBAL in g).toBe(false);
  });

  test('a failed load is tried again on the next call, and given up after three', async () => {
    let n = 0;
    const { api, sent } = ext(() => {
      if (++n === 2) g[PANEL_GLOBAL] = factory;
    });
    const load = panelLoader(api);
    expect(await load()).toBeUndefined();
    expect(await load()).toBe(factory);
    expect(sent).toHaveLength(2);

    const never = ext(() => undefined);
    const load2 = panelLoader(never.api);
    for (let i = 0; i < 5; i++) expect(await load2()).toBeUndefined();
    expect(never.sent).toHaveLength(3);
  });

  test('a background that does not answer (extension reloaded) is a failed load, not an exception', async () => {
    const api = { runtime: { sendMessage: () => Promise.reject(new Error('Extension context invalidated.')) } } as unknown as typeof browser;
    expect(await panelLoader(api)()).toBeUndefined();
  });
});
