import { CRM, ID, MATCHES, NOT_OUR_CONTENT_SCRIPT } from './testing/senders';
import { describe, expect, test } from 'vitest';
import { createPanelInjector, scriptTarget, type InjectTarget } from './panel-inject';
import type { Sender } from './policy';
import { PANEL_LOAD } from '@/messaging/panel-load';

// The policy of crm/panel-load. That the injected panel really runs (Chrome and Firefox) is proven by the
// e2e tests (test/e2e/crm-lazy-panel.test.ts, firefox.test.ts); here `inject` only records what it was asked.


function injector(over: { tabUrl?: string; fail?: boolean } = {}) {
  const calls: InjectTarget[] = [];
  const handle = createPanelInjector({
    runtimeId: ID,
    crmMatches: MATCHES,
    currentTabUrl: async () => over.tabUrl ?? CRM.url,
    inject: async (target) => {
      calls.push(target);
      if (over.fail) throw new Error('Cannot access contents of the page');
    },
  });
  return { handle, calls };
}

describe('crm/panel-load', () => {
  test('our content script in the top frame of a CRM tab gets the panel in that frame (Firefox: no documentId)', async () => {
    const { handle, calls } = injector();
    expect(await handle({ type: PANEL_LOAD }, CRM)).toEqual({ ok: true });
    expect(calls).toEqual([{ tabId: 7, frameId: 0 }]);
    expect(scriptTarget(calls[0]!)).toEqual({ tabId: 7, frameIds: [0] });
  });

  test('Chrome: exactly the document that asked (documentId), whatever the tab shows by then', async () => {
    const { handle, calls } = injector({ tabUrl: 'https://elsewhere.example/' });
    expect(await handle({ type: PANEL_LOAD }, { ...CRM, documentId: 'DOC-1' } as Sender)).toEqual({ ok: true });
    expect(calls).toEqual([{ tabId: 7, frameId: 0, documentId: 'DOC-1' }]);
    expect(scriptTarget(calls[0]!)).toEqual({ tabId: 7, documentIds: ['DOC-1'] });
  });

  test.each(NOT_OUR_CONTENT_SCRIPT)('%s gets no answer and no script', async (_, sender) => {
    const { handle, calls } = injector();
    expect(await handle({ type: PANEL_LOAD }, sender)).toBeUndefined();
    expect(calls).toEqual([]);
  });

  test('malformed messages get no answer and no script', async () => {
    const { handle, calls } = injector();
    for (const m of [null, PANEL_LOAD, { type: 'crm/panel-data' }, { type: PANEL_LOAD, file: '/background.js' }, { type: PANEL_LOAD, tabId: 9 }]) {
      expect(await handle(m, CRM)).toBeUndefined();
    }
    expect(calls).toEqual([]);
  });

  test('a tab that left the asking origin (Firefox, no documentId) gets nothing', async () => {
    const { handle, calls } = injector({ tabUrl: 'https://evil.example/' });
    expect(await handle({ type: PANEL_LOAD }, CRM)).toEqual({ ok: false });
    expect(calls).toEqual([]);
  });

  test('a refused injection is { ok: false }, not an exception', async () => {
    const { handle, calls } = injector({ fail: true });
    expect(await handle({ type: PANEL_LOAD }, CRM)).toEqual({ ok: false });
    expect(calls).toHaveLength(1);
  });
});
