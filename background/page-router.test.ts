import { describe, expect, test, vi } from 'vitest';
import { createPageRouter, type PageRouterDeps } from './page-router';
import type { Sender } from './policy';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT = `chrome-extension://${ID}/`;
const POPUP: Sender = { id: ID, url: `${EXT}popup.html` };
const OPTIONS_TAB: Sender = { id: ID, url: `${EXT}options.html#E`, tab: { id: 3 }, frameId: 0 };
const CRM_URL = 'https://app.perfectview.nl/crm/settings';
const SAVED = { host: 'mail.bedrijf.nl', port: 587, encryption: 'tls' as const, authMethod: 'password' as const, username: 'svc', password: 'pw-secret' };

function setup(over: Partial<PageRouterDeps> = {}, answer: (m: { type: string }) => unknown = () => ({ ok: true, filled: ['host'], skipped: [] })) {
  const sendToTab = vi.fn(async (_tabId: number, msg: object) => answer(msg as { type: string }));
  const route = createPageRouter({
    runtimeId: ID,
    extensionOrigin: EXT,
    crmMatches: ['https://app.perfectview.nl/*'],
    loadDraft: async () => SAVED,
    loadLocal: async () => ({}),
    currentTabUrl: async () => CRM_URL,
    sendToTab,
    browserLang: 'nl-NL',
    ...over,
  });
  return { route, sendToTab };
}

describe('the popup and the options page ask the background', () => {
  test.each<[string, Sender]>([
    ['our content script', { id: ID, url: CRM_URL, origin: 'https://app.perfectview.nl', frameId: 0, tab: { id: 7 } }],
    ['another extension', { id: 'zzzz', url: 'chrome-extension://zzzz/popup.html' }],
    ['no url', { id: ID }],
  ])('%s gets no answer and reaches no tab', async (_, sender) => {
    const { route, sendToTab } = setup();
    expect(await route({ type: 'crm/tab-fill', tabId: 7, origin: 'https://app.perfectview.nl' }, sender)).toBeUndefined();
    expect(await route({ type: 'crm/tab-status', tabId: 7 }, sender)).toBeUndefined();
    expect(sendToTab).not.toHaveBeenCalled();
  });

  test('fill: the saved settings with the password, to the top frame of the CRM tab, from the popup or the options page', async () => {
    for (const sender of [POPUP, OPTIONS_TAB]) {
      const { route, sendToTab } = setup();
      expect(await route({ type: 'crm/tab-fill', tabId: 7, origin: 'https://app.perfectview.nl' }, sender)).toEqual({ ok: true, filled: ['host'], skipped: [] });
      expect(sendToTab).toHaveBeenCalledWith(7, { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: { host: 'mail.bedrijf.nl', port: 587, encryption: 'tls', authMethod: 'password', username: 'svc', password: 'pw-secret' } });
    }
  });

  test('fill: a preset for another server gets no saved password (the password rule, enforced here)', async () => {
    const { route, sendToTab } = setup();
    await route({ type: 'crm/tab-fill', tabId: 7, origin: 'https://app.perfectview.nl', presetId: 'office365' }, POPUP);
    expect(JSON.stringify(sendToTab.mock.calls)).not.toContain('pw-secret');
    expect(sendToTab.mock.calls[0]![1]).toMatchObject({ draft: { host: 'smtp.office365.com', username: 'svc' } });
  });

  test('fill: refused for a tab that is not (or no longer) the CRM, or on another origin', async () => {
    const gone = setup({ currentTabUrl: async () => 'https://evil.example/' });
    expect(await gone.route({ type: 'crm/tab-fill', tabId: 7, origin: 'https://app.perfectview.nl' }, POPUP)).toEqual({ ok: false, error: 'no-crm-tab' });
    expect(gone.sendToTab).not.toHaveBeenCalled();
    const moved = setup();
    expect(await moved.route({ type: 'crm/tab-fill', tabId: 7, origin: 'https://other.perfectview.nl' }, POPUP)).toEqual({ ok: false, error: 'navigated' });
    expect(moved.sendToTab).not.toHaveBeenCalled();
  });

  test('fill: nothing saved, or no content script answering', async () => {
    expect(await setup({ loadDraft: async () => ({}) }).route({ type: 'crm/tab-fill', tabId: 7, origin: 'https://app.perfectview.nl' }, POPUP)).toEqual({ ok: false, error: 'nothing-saved' });
    expect(await setup({}, () => undefined).route({ type: 'crm/tab-fill', tabId: 7, origin: 'https://app.perfectview.nl' }, POPUP)).toEqual({ ok: false, error: 'unreachable' });
  });

  test('check: the content script only reads; findings and the report are built here, never with the password', async () => {
    const { route, sendToTab } = setup({}, (m) =>
      m.type === 'crm/read'
        ? { status: { screen: 'smtp', smtpForm: true, validationDialog: false, origin: 'https://app.perfectview.nl' }, values: { host: 'smtp.gmail.com', port: '465', encryption: 'tls', authMethod: 'password', username: 'ik@gmail.com' }, password: 'other', url: `${CRM_URL}?token=x` }
        : undefined,
    );
    const r = (await route({ type: 'crm/tab-check', tabId: 7 }, POPUP)) as { findings: { code: string }[]; report: string; passwordFilled: boolean };
    expect(sendToTab).toHaveBeenCalledWith(7, { type: 'crm/read' });
    expect(r.findings[0]).toMatchObject({ code: 'port-encryption-mismatch' });
    expect(r.passwordFilled).toBe(true);
    expect(r.report).toContain('Hostnaam: smtp.gmail.com');
    expect(r.report).toContain('Wachtwoord: (ingevuld, niet opgenomen)');
    expect(r.report).not.toContain('token=x');
  });

  test('malformed requests get no answer', async () => {
    const { route, sendToTab } = setup();
    for (const m of [null, { type: 'crm/tab-fill', tabId: -1, origin: 'o' }, { type: 'crm/tab-fill', tabId: 7 }, { type: 'crm/apply-fill', tabId: 7 }, { type: 'crm/tab-check', tabId: '7' }]) {
      expect(await route(m, POPUP)).toBeUndefined();
    }
    expect(sendToTab).not.toHaveBeenCalled();
  });
});
