import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';
import { serveFixtures, type FixtureServer } from '../helpers/fixture-server';

declare const chrome: any;

// CRM screens in shapes the locator was not written against: variant C (English, a modal <dialog>
// opened late, column headers, custom role="radio", labels elsewhere) and a Rechten page with switches.

let b: ExtensionBrowser;
let srv: FixtureServer;
let ext: Page;
const PASSWORD = 'Geheim-wachtwoord-123!';

beforeAll(async () => {
  [b, srv] = await Promise.all([launchWithExtension(), serveFixtures()]);
  ext = await b.open('popup.html');
});
afterAll(async () => {
  await b?.close();
  await srv?.close();
});

const panel = (page: Page, screen: string) => page.locator(`mailserver-assistent[data-screen="${screen}"]`);

describe('variant C: modal dialog, custom radios', () => {
  test('the panel appears when the dialog opens; "Invullen" fills fields and clicks the custom radios', async () => {
    await ext.evaluate(async (pw) => {
      await chrome.storage.local.clear();
      await chrome.storage.session.clear();
      await chrome.storage.local.set({ settings: { host: 'mail.bedrijf.nl', port: 465, encryption: 'ssl', authMethod: 'password', username: 'svc-crm', mode: 'relay' }, prefs: { lang: 'en' } });
      await chrome.storage.session.set({ password: pw });
    }, PASSWORD);
    const page = await b.context.newPage();
    await page.goto(srv.url('smtp-c.html'));
    // A positive signal first: the content script has looked at the page and sees no screen yet.
    const status = () =>
      ext.evaluate(async (url) => {
        const [tab] = await chrome.tabs.query({ url });
        return chrome.tabs.sendMessage(tab.id, { type: 'crm/status' }, { frameId: 0 }).then((r: { screen?: string } | undefined) => r?.screen, () => 'no answer yet');
      }, page.url());
    await expect.poll(status).toBe('none');
    expect(await panel(page, 'smtp').count()).toBe(0);
    await page.click('#x-open');
    const p = panel(page, 'smtp');
    await p.locator('[data-action="fill"]').waitFor({ timeout: 10_000 });
    // Inside the modal, right after the form's body.
    expect(await page.evaluate(() => document.querySelector('mailserver-assistent')!.closest('dialog')?.id)).toBe('x-dlg');
    await p.locator('[data-action="fill"]').click();
    await expect.poll(() => page.locator('[data-f=password]').inputValue()).toBe(PASSWORD);
    expect(await page.locator('[data-f=host]').inputValue()).toBe('mail.bedrijf.nl');
    expect(await page.locator('[data-f=port]').inputValue()).toBe('465');
    expect(await page.locator('[data-v="enc:ssl"]').getAttribute('aria-checked')).toBe('true');
    expect(await page.locator('[data-v="enc:none"]').getAttribute('aria-checked')).toBe('false');
    expect(await page.locator('[data-v="auth:password"]').getAttribute('aria-checked')).toBe('true');
    expect(await page.locator('[data-f=username]').inputValue()).toBe('svc-crm');
    const ev = await page.evaluate(() => (window as unknown as { __events: { type: string; id: string }[] }).__events);
    expect(ev.filter((e) => e.type === 'click').map((e) => e.id)).toEqual(['enc:ssl', 'auth:password']);
    await expect.poll(() => p.locator('[data-status]').getAttribute('data-status')).toBe('ok');
    // The findings follow: the form now reads as the saved settings.
    await expect.poll(() => p.locator('[data-finding="host-invalid"]').count()).toBe(0);
    expect(await p.locator('[data-finding="unencrypted"]').count()).toBe(0);
    expect(await p.locator('[data-finding="port-25"]').count()).toBe(0);
    await p.locator('[data-action="fill"]').scrollIntoViewIfNeeded();
    await b.screenshot(page, 'crm-panel-smtp-c-filled');
    await page.close();
  });
});

describe('variant D: definition list with drop-downs', () => {
  test('the panel reads the drop-downs live and "Invullen" chooses their options; the honeypot stays empty', async () => {
    await ext.evaluate(async (pw) => {
      await chrome.storage.local.clear();
      await chrome.storage.session.clear();
      await chrome.storage.local.set({ settings: { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', mode: 'mailbox' }, prefs: { lang: 'nl' } });
      await chrome.storage.session.set({ password: pw });
    }, PASSWORD);
    const page = await b.context.newPage();
    await page.goto(srv.url('smtp-d.html'));
    const p = panel(page, 'smtp');
    await p.locator('[data-action="fill"]').waitFor({ timeout: 10_000 });
    // Port 25 with "Gebruik SSL" chosen in the drop-down, as an admin would: the panel follows.
    await page.selectOption('[data-f="enc"]', { label: 'Gebruik SSL' });
    await expect.poll(() => p.locator('[data-finding="port-encryption-mismatch"]').count()).toBe(1);

    await p.locator('[data-action="fill"]').click();
    await expect.poll(() => page.locator('[data-f=password]').inputValue()).toBe(PASSWORD);
    expect(await page.locator('[data-f=host]').inputValue()).toBe('smtp.office365.com');
    expect(await page.locator('[data-f=port]').inputValue()).toBe('587');
    expect(await page.locator('[data-f=enc]').inputValue()).toBe('2'); // "Gebruik TLS"
    expect(await page.locator('[data-f=auth]').inputValue()).toBe('a');
    expect(await page.locator('select[name=view]').inputValue()).toBe('None');
    expect(await page.locator('input[name=smtp_host]').inputValue()).toBe('');
    const ev = await page.evaluate(() => (window as unknown as { __events: { type: string; value: string }[] }).__events);
    expect(ev.some((e) => e.type === 'change' && e.value === '2')).toBe(true);
    await expect.poll(() => p.locator('[data-finding="port-encryption-mismatch"]').count()).toBe(0);
    await p.locator('[data-action="fill"]').scrollIntoViewIfNeeded();
    await b.screenshot(page, 'crm-panel-smtp-d-filled');
    await page.close();
  });
});

describe('variant E: the ASP.NET table of issue 10 (label cells, hidden inputs first, radios over rows and columns)', () => {
  test('the panel appears; "Invullen" fills the visible controls with events and never a twin', async () => {
    await ext.evaluate(async (pw) => {
      await chrome.storage.local.clear();
      await chrome.storage.session.clear();
      await chrome.storage.local.set({ settings: { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', mode: 'mailbox' }, prefs: { lang: 'nl' } });
      await chrome.storage.session.set({ password: pw });
    }, PASSWORD);
    const page = await b.context.newPage();
    await page.goto(srv.url('smtp-e.html?host=smtp.gmail.com&port=465&enc=tls'));
    const p = panel(page, 'smtp');
    await p.locator('[data-action="fill"]').waitFor({ timeout: 10_000 });
    // Read through the twins: the visible port (465) with "Gebruik TLS" is the mismatch.
    await expect.poll(() => p.locator('[data-finding="port-encryption-mismatch"]').count()).toBe(1);
    expect(await page.evaluate(() => document.querySelector('mailserver-assistent')!.previousElementSibling?.id)).toBe('ctl00_form');

    await p.locator('[data-action="fill"]').click();
    await expect.poll(() => page.locator('[data-f=password]').inputValue()).toBe(PASSWORD);
    expect(await page.locator('[data-f=host]').inputValue()).toBe('smtp.office365.com');
    expect(await page.locator('[data-f=port]').inputValue()).toBe('587');
    expect(await page.locator('[data-v="enc:tls"]').isChecked()).toBe(true);
    expect(await page.locator('[data-v="auth:password"]').isChecked()).toBe(true);
    expect(await page.locator('[data-f=username]').inputValue()).toBe('crm@bedrijf.nl');
    const decoys = await page.$$eval('[data-decoy]', (els) => els.map((e) => `${e.getAttribute('data-decoy')}=${(e as HTMLInputElement).value}`));
    expect(decoys).toEqual(['host-viewstate=', 'host-hidden=x', 'port-none=2525', 'port-offscreen=', 'user-disabled=', 'pw-zero=']);
    const ev = await page.evaluate(() => (window as unknown as { __events: { type: string; name: string }[] }).__events);
    for (const name of ['ctl00$main$txtHost$tb', 'ctl00$main$txtPort$tb', 'ctl00$main$txtUser$tb', 'ctl00$main$txtPw$tb']) {
      expect(ev.filter((e) => e.name === name).map((e) => e.type), name).toEqual(expect.arrayContaining(['input', 'change']));
    }
    expect(ev.some((e) => /\$(hf|old|x|ro|autofill)$/.test(e.name))).toBe(false);
    await expect.poll(() => p.locator('[data-finding="port-encryption-mismatch"]').count()).toBe(0);
    await p.locator('[data-action="fill"]').scrollIntoViewIfNeeded();
    await b.screenshot(page, 'crm-panel-smtp-e-filled');
    await page.close();
  });
});

describe('Rechten with switches in table rows', () => {
  test.each([
    ['rights-switch.html', 'on'],
    ['rights-switch.html?off', 'off'],
  ])('%s → %s; the panel follows the admin\'s click on the switch, and never clicks itself', async (path, state) => {
    await ext.evaluate(async () => chrome.storage.local.set({ prefs: { lang: 'nl' } }));
    const page = await b.context.newPage();
    await page.goto(srv.url(path));
    const p = panel(page, 'rights');
    await expect.poll(() => p.locator('[data-right-state]').getAttribute('data-right-state'), { timeout: 10_000 }).toBe(state);
    if (state === 'off') await b.screenshot(page, 'crm-panel-rights-switch-off');
    await p.locator('[data-action="point"]').click();
    expect(await page.evaluate(() => (window as unknown as { __clicks: string[] }).__clicks)).toEqual([]);
    await page.click('#r-mail');
    await expect.poll(() => p.locator('[data-right-state]').getAttribute('data-right-state')).toBe(state === 'on' ? 'off' : 'on');
    await page.close();
  });
});
