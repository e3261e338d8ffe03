import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';
import { serveFixtures, type FixtureServer } from '../helpers/fixture-server';

declare const chrome: any;

// Issue 11: the content script on every CRM page carries only the locator and the command handling; the panel
// (entrypoints/crm-panel/) is injected by the background (scripting.executeScript) the first time a screen is
// on the page. Which scripts a page ran is read from the DevTools protocol (Debugger.scriptParsed lists the
// content script's isolated world too). The same split in Firefox: test/e2e/firefox.test.ts.

let b: ExtensionBrowser;
let srv: FixtureServer;
let ext: Page;

beforeAll(async () => {
  [b, srv] = await Promise.all([launchWithExtension(), serveFixtures()]);
  ext = await b.open('popup.html');
  await ext.evaluate(async () => {
    await chrome.storage.local.clear();
    await chrome.storage.local.set({ prefs: { lang: 'nl' } });
  });
});
afterAll(async () => {
  await b?.close();
  await srv?.close();
});

/** A new tab that records every script parsed in it (all worlds), from before its first navigation. */
async function tabWithScripts(): Promise<{ page: Page; parsed: (file: string) => number }> {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  const urls: string[] = [];
  cdp.on('Debugger.scriptParsed', (e: { url: string }) => urls.push(e.url));
  await cdp.send('Debugger.enable');
  const prefix = `chrome-extension://${b.extensionId}/`;
  return { page, parsed: (file) => urls.filter((u) => u === prefix + file).length };
}

/** The content script's answer through the background (as the popup asks): proves it runs and has looked at the page. */
const status = (url: string) =>
  ext.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url: url.replace(/\?.*$/, '') + '*' });
    return chrome.runtime.sendMessage({ type: 'crm/tab-status', tabId: tab.id });
  }, url);

/**
 * What content scripts send the background, recorded by a second listener the test adds in the service worker
 * (it answers nothing, so the background's own answers are untouched). Returns the types sent from `pageUrl`.
 */
async function recordTabMessages(): Promise<(pageUrl: string) => Promise<string[]>> {
  const sw = b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker'));
  await sw.evaluate(() => {
    const g = globalThis as any;
    g.__tabMessages = [];
    chrome.runtime.onMessage.addListener((m: any, sender: any) => {
      if (sender.tab) g.__tabMessages.push({ url: sender.url, type: String(m?.type) });
    });
  });
  return (pageUrl) => sw.evaluate((u) => (globalThis as any).__tabMessages.filter((m: any) => m.url === u).map((m: any) => m.type), pageUrl);
}

const panel = (page: Page, screen: string) => page.locator(`mailserver-assistent[data-screen="${screen}"]`);

describe('the panel loads when a screen appears, not before', () => {
  test('no screen: only the content script, and it asks the background nothing; the form appears: the panel is injected once with its data', async () => {
    const sent = await recordTabMessages();
    const { page, parsed } = await tabWithScripts();
    const url = srv.url('smtp-c.html');
    await page.goto(url);
    await expect.poll(() => parsed('content-scripts/crm.js'), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => status(url), { timeout: 10_000 }).toMatchObject({ screen: 'none', smtpForm: false });
    expect(parsed('crm-panel.js')).toBe(0);
    expect(await page.locator('mailserver-assistent').count()).toBe(0);
    // Not even the panel's data (language, texts, presets): they come with the panel.
    expect(await sent(url)).toEqual([]);

    // The CRM opens its settings dialog (the form appears later, as in a single-page app).
    await page.click('#x-open');
    await panel(page, 'smtp').locator('[data-action="fill"]').waitFor({ timeout: 10_000 });
    expect(parsed('crm-panel.js')).toBe(1);
    expect(await sent(url)).toEqual(expect.arrayContaining(['crm/panel-load', 'crm/panel-data']));
    // The texts came with it (in the page's language, English), and the findings: the empty Hostnaam.
    expect(await panel(page, 'smtp').locator('[data-action="fill"]').textContent()).toContain('Fill in');
    await expect.poll(() => panel(page, 'smtp').locator('[data-finding="host-invalid"]').count(), { timeout: 10_000 }).toBe(1);

    // Closed and opened again: the panel goes and comes back, from the script already there.
    await page.click('#x-close');
    await expect.poll(() => page.locator('mailserver-assistent').count(), { timeout: 10_000 }).toBe(0);
    await page.click('#x-open');
    await panel(page, 'smtp').locator('[data-action="fill"]').waitFor({ timeout: 10_000 });
    expect(parsed('crm-panel.js')).toBe(1);
    await page.close();
  });

  test('the Rechten page loads the panel too', async () => {
    const { page, parsed } = await tabWithScripts();
    await page.goto(srv.url('rights-off.html'));
    await panel(page, 'rights').waitFor({ state: 'attached', timeout: 10_000 });
    expect(parsed('content-scripts/crm.js')).toBe(1);
    expect(parsed('crm-panel.js')).toBe(1);
    await page.close();
  });
});

describe('the page cannot reach the panel script', () => {
  test('it is not web-accessible: the page cannot fetch it', async () => {
    const page = await b.context.newPage();
    await page.goto(srv.url('smtp-a.html'));
    await panel(page, 'smtp').locator('[data-action="fill"]').waitFor({ timeout: 10_000 });
    const got = await page.evaluate((u) => fetch(u).then(() => 'loaded', () => 'refused'), `chrome-extension://${b.extensionId}/crm-panel.js`);
    expect(got).toBe('refused');
    await page.close();
  });

  test('a page that plants its own panel factory under the same name is not used', async () => {
    const page = await b.context.newPage();
    await page.addInitScript(() => {
      (window as any).__mailserverAssistentPanel = () => {
        document.documentElement.setAttribute('data-planted', 'used');
        return { sync() {}, render() {}, refresh() {}, has: () => false, removeAll() {} };
      };
    });
    await page.goto(srv.url('smtp-a.html'));
    await panel(page, 'smtp').locator('[data-action="fill"]').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => typeof (window as any).__mailserverAssistentPanel)).toBe('function');
    expect(await page.getAttribute('html', 'data-planted')).toBeNull();
    await page.close();
  });

  test('an extension page asking for the panel gets no answer (only our content script in a CRM tab does)', async () => {
    const answer = await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'crm/panel-load' }));
    expect([null, undefined]).toContain(answer);
  });
});
