import { afterAll, beforeAll, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';
import { serveFixtures, type FixtureServer } from '../helpers/fixture-server';

declare const chrome: any;

// What the popup and the wizard ask about a CRM tab (services/crm-tab.ts): they ask the background
// (background/page-router.ts), which checks the tab and talks to the content script. And the production manifest.

let b: ExtensionBrowser;
let srv: FixtureServer;
let ext: Page;
const PASSWORD = 'Sessie-wachtwoord-456!';

beforeAll(async () => {
  [b, srv] = await Promise.all([launchWithExtension(), serveFixtures()]);
  ext = await b.open('popup.html');
  await ext.evaluate(async (pw) => {
    await chrome.storage.local.set({ settings: { username: 'crm@bedrijf.nl', mode: 'relay' }, prefs: { lang: 'nl' } });
    await chrome.storage.session.set({ password: pw });
  }, PASSWORD);
});
afterAll(async () => {
  await b?.close();
  await srv?.close();
});

/** Asks the background about the tab showing `url`, from the extension page (as services/crm-tab.ts does). */
const ask = (url: string, msg: object) =>
  ext.evaluate(
    async ({ url, msg }) => {
      const [tab] = await chrome.tabs.query({ url: url.replace(/\?.*$/, '') + '*' });
      return chrome.runtime.sendMessage({ ...msg, tabId: tab.id });
    },
    { url, msg },
  );
/** What the background sends to the content script (top frame), sent straight from the extension page. */
const command = (url: string, msg: object) =>
  ext.evaluate(
    async ({ url, msg }) => {
      const [tab] = await chrome.tabs.query({ url: url.replace(/\?.*$/, '') + '*' });
      return chrome.tabs.sendMessage(tab.id, msg, { frameId: 0 });
    },
    { url, msg },
  );

test('status, check (findings with texts, report without the password) and fill with an origin check, through the background', async () => {
  const url = srv.url('smtp-a.html?host=smtp.gmail.com&port=465&enc=tls&auth=password&user=ik@gmail.com');
  const page = await b.context.newPage();
  await page.goto(url);
  await page.locator('mailserver-assistent').waitFor({ state: 'attached' });
  await page.locator('[data-f=password]').fill('mijn-eigen-typwerk');

  expect(await ask(url, { type: 'crm/tab-status' })).toMatchObject({ screen: 'smtp', smtpForm: true, validationDialog: false, origin: srv.origin });
  // The content script only reads: values and the password's state, never its value.
  const read = await command(url, { type: 'crm/read' });
  expect(read).toMatchObject({ values: { host: 'smtp.gmail.com' }, password: 'other' });
  expect(JSON.stringify(read)).not.toContain('mijn-eigen-typwerk');
  const check = await ask(url, { type: 'crm/tab-check' });
  expect(check.values).toMatchObject({ host: 'smtp.gmail.com', port: '465', encryption: 'tls', authMethod: 'password', username: 'ik@gmail.com' });
  expect(check.passwordFilled).toBe(true);
  expect(check.findings.map((f: { code: string }) => f.code)).toContain('port-encryption-mismatch');
  expect(check.findings.find((f: { code: string }) => f.code === 'port-encryption-mismatch').text).toContain('Gebruik SSL');
  expect(JSON.stringify(check)).not.toContain('mijn-eigen-typwerk');
  expect(check.report).toContain('Wachtwoord: (ingevuld, niet opgenomen)');

  // A fill meant for another origin is refused, by the background and by the content script; nothing changes.
  expect(await ask(url, { type: 'crm/tab-fill', origin: 'https://app.perfectview.nl' })).toMatchObject({ ok: false, error: 'navigated' });
  const refused = await command(url, { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: { host: 'x.example.nl' } });
  expect(refused).toMatchObject({ ok: false, error: 'navigated' });
  expect(await page.locator('[data-f=host]').inputValue()).toBe('smtp.gmail.com');
  // Malformed commands get no answer.
  expect(await command(url, { type: 'crm/apply-fill', origin: srv.origin, draft: { port: { evil: 1 } } })).toBeUndefined();
  expect(await command(url, { type: 'crm/nope' })).toBeUndefined();

  const ok = await command(url, { type: 'crm/apply-fill', origin: srv.origin, draft: { host: 'smtp.gmail.com', port: 465, encryption: 'ssl' } });
  expect(ok).toMatchObject({ ok: true, filled: ['host', 'port', 'encryption'] });
  expect(await page.locator('[data-v="enc:ssl"]').isChecked()).toBe(true);
  // Through the background: a preset with the saved user name; the saved password was saved for no server
  // (the password rule), so Wachtwoord keeps what the admin typed.
  expect(await ask(url, { type: 'crm/tab-fill', origin: srv.origin, presetId: 'office365' })).toMatchObject({ ok: true });
  expect(await page.locator('[data-f=host]').inputValue()).toBe('smtp.office365.com');
  expect(await page.locator('[data-f=username]').inputValue()).toBe('crm@bedrijf.nl');
  expect(await page.locator('[data-f=password]').inputValue()).toBe('mijn-eigen-typwerk');
  await page.close();
});

test('point-at-right on the Rechten page outlines the block and reports its state, without clicking', async () => {
  const url = srv.url('rights-off.html');
  const page = await b.context.newPage();
  await page.goto(url);
  await page.locator('mailserver-assistent').waitFor({ state: 'attached' });
  expect(await ask(url, { type: 'crm/tab-point' })).toEqual({ ok: true, right: 'off' });
  expect(await page.evaluate(() => (window as unknown as { __clicks: string[] }).__clicks)).toEqual([]);
  await page.close();
});

test('the production build matches only https://app.perfectview.nl/* and asks for no localhost', () => {
  const out = mkdtempSync(join(tmpdir(), 'msa-prod-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, WXT_OUT_DIR: out };
    delete env.CRM_MATCHES;
    execFileSync('npx', ['wxt', 'build'], { env, stdio: 'pipe', timeout: 120_000 });
    const manifest = JSON.parse(readFileSync(join(out, 'chrome-mv3/manifest.json'), 'utf8'));
    expect(manifest.content_scripts).toEqual([
      expect.objectContaining({ matches: ['https://app.perfectview.nl/*'], all_frames: false, js: ['content-scripts/crm.js'] }),
    ]);
    expect(JSON.stringify(manifest.host_permissions ?? [])).not.toMatch(/localhost|127\.0\.0\.1|\[::1\]/);
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 150_000);
