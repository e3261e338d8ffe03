import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createServer, type AddressInfo } from 'node:net';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';
import { serveFixtures, type FixtureServer } from '../helpers/fixture-server';

declare const chrome: any;

// The content script in real Chromium on the fixture pages (served from 127.0.0.1, which the test
// build's CRM_MATCHES=http://127.0.0.1/* lets it run on).

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

/** Sets what the wizard saved: settings and wizard state in storage.local, the password in storage.session. */
async function saveWizard(opts: { settings?: object; wizard?: object; password?: string; prefs?: object } = {}) {
  await ext.evaluate(async (o) => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
    await chrome.storage.local.set({ settings: o.settings ?? {}, wizard: o.wizard ?? {}, prefs: o.prefs ?? { lang: 'nl' } });
    if (o.password) await chrome.storage.session.set({ password: o.password });
  }, opts);
}

async function openFixture(path: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(srv.url(path));
  return page;
}

/** The panel's shadow root is open: tests (and screen readers) can look inside. */
const panel = (page: Page, screen: string) => page.locator(`mailserver-assistent[data-screen="${screen}"]`);
const events = (page: Page) => page.evaluate(() => (window as unknown as { __events: { type: string; name: string; id: string; value: string; checked: boolean }[] }).__events);
const value = (page: Page, sel: string) => page.locator(sel).inputValue();
const checked = (page: Page, sel: string) => page.locator(sel).isChecked();

beforeEach(async () => {
  await saveWizard();
});

describe('SMTP form, variant A (table cells, generated ids)', () => {
  test('the panel appears beside the form, in an open shadow root, with findings on the current values', async () => {
    const page = await openFixture('smtp-a.html');
    await expect.poll(() => panel(page, 'smtp').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => document.querySelector('mailserver-assistent')!.shadowRoot?.mode)).toBe('open');
    // Empty host, port 25, "Geen encryptie", IP whitelisting: host-invalid, unencrypted, port-25.
    await expect.poll(() => panel(page, 'smtp').locator('[data-finding="host-invalid"]').count()).toBe(1);
    expect(await panel(page, 'smtp').locator('[data-finding="unencrypted"]').count()).toBe(1);
    // Placed right after the CRM's form, not over it.
    expect(await page.evaluate(() => document.querySelector('form')!.nextElementSibling?.tagName)).toBe('MAILSERVER-ASSISTENT');
    await b.screenshot(page, 'crm-panel-smtp-a');
    await page.close();
  });

  test('"Office 365" then "Invullen" fills every field like typing; the password only after the click', async () => {
    // The saved password goes only into the server it was saved for (host, port, encryption, user name).
    await saveWizard({ settings: { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', mode: 'mailbox' }, password: PASSWORD });
    const page = await openFixture('smtp-a.html');
    const p = panel(page, 'smtp');
    await p.locator('[data-preset="office365"]').waitFor();
    await p.locator('[data-preset="office365"]').click();
    await expect.poll(() => p.locator('[data-preview]').textContent()).toContain('smtp.office365.com');
    // Nothing filled yet, and the password is nowhere in the page (nor in the panel).
    expect(await value(page, '[data-f=host]')).toBe('');
    expect(await events(page)).toEqual([]);
    expect(await page.evaluate((pw) => document.documentElement.outerHTML.includes(pw) || document.querySelector('mailserver-assistent')!.shadowRoot!.innerHTML.includes(pw), PASSWORD)).toBe(false);

    await p.locator('[data-action="fill"]').click();
    await expect.poll(() => value(page, '[data-f=password]')).toBe(PASSWORD);
    expect(await value(page, '[data-f=host]')).toBe('smtp.office365.com');
    expect(await value(page, '[data-f=port]')).toBe('587');
    expect(await checked(page, '[data-v="enc:tls"]')).toBe(true);
    expect(await checked(page, '[data-v="enc:tls-if-available"]')).toBe(false);
    expect(await checked(page, '[data-v="auth:password"]')).toBe(true);
    expect(await value(page, '[data-f=username]')).toBe('crm@bedrijf.nl');

    const ev = await events(page);
    for (const id of ['id_355', 'id_360', 'id_388', 'id_393']) {
      expect(ev.filter((e) => e.id === id).map((e) => e.type), id).toEqual(expect.arrayContaining(['input', 'change']));
    }
    expect(ev.some((e) => e.id === 'id_372' && e.type === 'change' && e.checked)).toBe(true); // Gebruik TLS
    expect(ev.some((e) => e.id === 'id_379' && e.type === 'change' && e.checked)).toBe(true); // Gebruikernaam en wachtwoord
    await expect.poll(() => p.locator('[data-status]').getAttribute('data-status')).toBe('ok');
    // Findings follow the filled values: Office 365 notes appear, the empty-host error is gone.
    await expect.poll(() => p.locator('[data-finding="office365-smtp-auth"]').count()).toBe(1);
    expect(await p.locator('[data-finding="host-invalid"]').count()).toBe(0);
    await b.screenshot(page, 'crm-panel-smtp-a-filled');
    await page.close();
  });

  test('a form prefilled with smtp.gmail.com / 465 / "Gebruik TLS" shows port-encryption-mismatch', async () => {
    const page = await openFixture('smtp-a.html?host=smtp.gmail.com&port=465&enc=tls&auth=password&user=ik@gmail.com');
    const p = panel(page, 'smtp');
    await expect.poll(() => p.locator('[data-finding="port-encryption-mismatch"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await p.locator('[data-finding="port-encryption-mismatch"]').textContent()).toContain('Gebruik SSL');
    // Live: the admin picks "Gebruik SSL" and the finding goes away.
    await page.locator('[data-v="enc:ssl"]').check();
    await expect.poll(() => p.locator('[data-finding="port-encryption-mismatch"]').count()).toBe(0);
    await page.close();
  });

  test('Rapport kopiëren: settings, findings, page and time; never the password', async () => {
    await saveWizard({ settings: { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl' }, password: PASSWORD });
    const page = await openFixture('smtp-a.html?token=secret-in-url');
    const p = panel(page, 'smtp');
    await p.locator('[data-action="fill"]').click();
    await expect.poll(() => value(page, '[data-f=password]')).toBe(PASSWORD);
    await p.locator('[data-action="copy-report"]').click();
    const report = (await p.locator('pre[data-report]').textContent()) ?? '';
    expect(report).toContain('Hostnaam: smtp.office365.com');
    expect(report).toContain('Poortnummer: 587');
    expect(report).toContain('Encryptie: Gebruik TLS');
    expect(report).toContain('Wachtwoord: (ingevuld, niet opgenomen)');
    expect(report).toContain('office365-smtp-auth');
    expect(report).toContain(`${srv.origin}/smtp-a.html`);
    expect(report).toMatch(/Tijd: \d{4}-\d\d-\d\dT/);
    expect(report).not.toContain(PASSWORD);
    expect(report).not.toContain('secret-in-url');
    await page.close();
  });

  test('"Controleren" without a backend says so', async () => {
    // A port that was just free and is closed now: nothing listens there.
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    await saveWizard({ prefs: { lang: 'nl', backendUrl: `http://127.0.0.1:${closed}` } });
    const page = await openFixture('smtp-a.html?host=mail.example.nl&port=587&enc=tls&auth=ip-whitelist');
    const p = panel(page, 'smtp');
    await p.locator('[data-action="check"]').click();
    await expect.poll(() => p.locator('[data-probe]').getAttribute('data-probe'), { timeout: 15_000 }).toBe('down');
    expect(await p.locator('[data-probe="down"]').textContent()).toContain(`127.0.0.1:${closed}`);
    await page.close();
  });
});

describe('SMTP form, variant B (div layout, decoys)', () => {
  test('fills the real fields and leaves every decoy empty', async () => {
    await saveWizard({ settings: { host: 'mail.bedrijf.nl', port: 587, encryption: 'tls', authMethod: 'password', username: 'svc-crm', mode: 'relay' }, password: PASSWORD });
    const page = await openFixture('smtp-b.html');
    const p = panel(page, 'smtp');
    await p.locator('[data-action="fill"]').waitFor();
    await b.screenshot(page, 'crm-panel-smtp-b');
    await p.locator('[data-action="fill"]').click();
    await expect.poll(() => value(page, '[data-f=password]')).toBe(PASSWORD);
    expect(await value(page, '[data-f=host]')).toBe('mail.bedrijf.nl');
    expect(await value(page, '[data-f=port]')).toBe('587');
    expect(await value(page, '[data-f=username]')).toBe('svc-crm');
    expect(await checked(page, '[data-v="enc:tls"]')).toBe(true);
    expect(await checked(page, '[data-v="auth:password"]')).toBe(true);
    const decoys = await page.evaluate(() => [...document.querySelectorAll<HTMLInputElement>('[data-decoy]')].map((d) => [d.dataset.decoy, d.value]));
    expect(decoys.length).toBe(7);
    for (const [name, v] of decoys) expect(v, name).toBe('');
    const ev = await events(page);
    expect(ev.filter((e) => e.name && /^(host|password|smtp_host|hp_hostnaam|hostname|old_user|old_host)$/.test(e.name))).toEqual([]);
    await b.screenshot(page, 'crm-panel-smtp-b-filled');
    await page.close();
  });
});

describe('a hostile page', () => {
  test('its postMessages, custom events and synthetic clicks on the panel do nothing', async () => {
    await saveWizard({ settings: { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl' }, password: PASSWORD });
    const page = await openFixture('hostile.html');
    await panel(page, 'smtp').locator('[data-action="fill"]').waitFor();
    // The page's own counter says its attacks ran, and reached the panel's buttons, many times over.
    const rounds = () => page.evaluate(() => (window as unknown as { __attacks: { rounds: number; clicked: number } }).__attacks);
    await expect.poll(async () => (await rounds()).rounds, { timeout: 10_000 }).toBeGreaterThan(8);
    await expect.poll(async () => (await rounds()).clicked).toBeGreaterThan(0);
    const attacks = await page.evaluate(() => (window as unknown as { __attacks: { runtime: boolean; clicked: number; rounds: number } }).__attacks);
    expect(attacks.runtime).toBe(false);
    expect(attacks.clicked).toBeGreaterThan(0);
    expect(attacks.rounds).toBeGreaterThan(5);
    for (const f of ['host', 'port', 'username', 'password']) expect(await value(page, `[data-f=${f}]`), f).toBe('');
    expect(await events(page)).toEqual([]);
    expect(await page.evaluate((pw) => document.documentElement.outerHTML.includes(pw) || document.querySelector('mailserver-assistent')!.shadowRoot!.innerHTML.includes(pw), PASSWORD)).toBe(false);
    // The panel did not react to the untrusted clicks either (no fill status, no report).
    expect(await panel(page, 'smtp').locator('[data-status], pre[data-report]').count()).toBe(0);
    await page.close();
  });
});

describe('Rechten page', () => {
  test('Eigen mailserver off: says so, outlines the block, never clicks it', async () => {
    const page = await openFixture('rights-off.html');
    const p = panel(page, 'rights');
    await expect.poll(() => p.locator('[data-right-state]').getAttribute('data-right-state'), { timeout: 10_000 }).toBe('off');
    expect(await p.locator('.card').textContent()).toContain('staat uit');
    expect(await page.locator('#id_713').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await p.locator('[data-action="point"]').click();
    // The positive signal: the block's outline flashes (an animation on it); no click came with it.
    await expect.poll(() => page.locator('#id_713').evaluate((el) => el.getAnimations().length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __clicks: string[] }).__clicks)).toEqual([]);
    expect(await page.locator('#id_713').getAttribute('class')).toBe('blokje');
    await b.screenshot(page, 'crm-panel-rights-off');
    await page.close();
  });

  test('Eigen mailserver on; the panel follows when the admin clicks the block', async () => {
    const page = await openFixture('rights-on.html');
    const p = panel(page, 'rights');
    await expect.poll(() => p.locator('[data-right-state]').getAttribute('data-right-state'), { timeout: 10_000 }).toBe('on');
    await b.screenshot(page, 'crm-panel-rights-on');
    await page.locator('#id_713').click(); // the admin, not the extension
    await expect.poll(() => p.locator('[data-right-state]').getAttribute('data-right-state')).toBe('off');
    await page.close();
  });
});

describe('SMTP server validatie dialog', () => {
  test('appears late; the panel offers the wizard\'s Domein/Van/Naar and warns about send-on-behalf in mailbox mode', async () => {
    await saveWizard({
      settings: { mode: 'mailbox' },
      wizard: { validation: { domain: 'PerfectView.nl', from: 'gebruiker1@perfectview.nl', to: 'gebruiker2@perfectview.nl' } },
    });
    const page = await openFixture('validation.html');
    expect(await panel(page, 'validation').count()).toBe(0);
    const p = panel(page, 'validation');
    await p.locator('[data-action="fill-validation"]').waitFor({ timeout: 10_000 });
    expect(await p.locator('[data-finding="mailbox-send-as"]').count()).toBe(1);
    expect(await p.locator('.card').textContent()).toContain('E-mail validatiecode versturen');
    expect(await page.locator('mailserver-assistent').count()).toBe(1); // no Rechten or SMTP panel here
    expect(await value(page, '#id_911')).toBe('');
    await p.locator('[data-action="fill-validation"]').click();
    expect(await value(page, '#id_910')).toBe('PerfectView.nl');
    expect(await value(page, '#id_911')).toBe('gebruiker1');
    expect(await value(page, '#id_912')).toBe('gebruiker2');
    const ev = await events(page);
    expect(ev.filter((e) => e.id === 'id_911').map((e) => e.type)).toEqual(['input', 'change']);
    await b.screenshot(page, 'crm-panel-validation');
    // Closing the dialog removes its panel.
    await page.locator('#id_902').click();
    await expect.poll(() => panel(page, 'validation').count()).toBe(0);
    await page.close();
  });

  test('opened from the settings page by "Valideren": a second panel in the dialog, removed on close', async () => {
    const page = await openFixture('smtp-a.html');
    await panel(page, 'smtp').locator('[data-action="fill"]').waitFor();
    await page.locator('#id_398').click();
    await panel(page, 'validation').locator('[data-action="fill-validation"]').waitFor({ timeout: 10_000 });
    expect(await panel(page, 'validation').locator('[data-finding="mailbox-send-as"]').count()).toBe(0);
    await b.screenshot(page, 'crm-panel-smtp-a-dialog');
    await page.locator('#id_505').click();
    await expect.poll(() => panel(page, 'validation').count()).toBe(0);
    expect(await panel(page, 'smtp').count()).toBe(1);
    await page.close();
  });
});
