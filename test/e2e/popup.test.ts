import { afterAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';
import { serveFixtures, type FixtureServer } from '../helpers/fixture-server';

const AXE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

for (const [locale, lang, colorScheme] of [
  ['nl-NL', 'nl', 'light'],
  ['en-US', 'en', 'light'],
  ['nl-NL', 'nl', 'dark'],
] as const) {
  describe(`popup (${lang}, ${colorScheme})`, () => {
    let b: ExtensionBrowser;
    afterAll(async () => {
      await b?.close();
    });
    test('a quick preset updates the saved configuration status; axe clean; screenshot', async () => {
      b = await launchWithExtension({ locale, colorScheme });
      const page = await b.open('popup.html');
      await page.setViewportSize({ width: 360, height: 600 });
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const status = page.getByTestId('config-status');
      await expect.poll(() => status.textContent()).toMatch(lang === 'nl' ? /Nog geen instellingen/ : /No settings saved/);
      // The popup opened as a tab is not the CRM.
      expect(await page.getByTestId('tab-not-crm').count()).toBe(1);
      await page.getByRole('button', { name: 'Google Workspace relay' }).click();
      await expect.poll(() => status.textContent()).toMatch(lang === 'nl' ? /fout|Geen fouten/ : /error|No errors/);
      const settings = await page.evaluate(async () => (await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get('settings')).settings);
      expect(settings).toMatchObject({ host: 'smtp-relay.gmail.com', port: 587, encryption: 'tls', authMethod: 'ip-whitelist' });
      expect(await seriousViolations(page)).toEqual([]);
      await b.screenshot(page, `popup-${lang}${colorScheme === 'dark' ? '-dark' : ''}`);
      expect(await page.getByRole('button', { name: lang === 'nl' ? 'Open de wizard' : 'Open the wizard' }).isEnabled()).toBe(true);
    });
  });
}

describe('popup and wizard with a CRM tab (fixtures on 127.0.0.1)', () => {
  let b: ExtensionBrowser;
  let srv: FixtureServer;
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  test('step A points at the switch on the Rechten page, and says so when no CRM tab is open', async () => {
    [b, srv] = await Promise.all([launchWithExtension({ locale: 'nl-NL' }), serveFixtures()]);
    const options = await b.open('options.html');
    await options.getByRole('heading', { level: 2, name: /Recht aanzetten/ }).waitFor();
    await options.getByRole('button', { name: 'Wijs de schakelaar aan in het CRM' }).click();
    await expect.poll(() => options.getByTestId('point-status').getAttribute('data-point')).toBe('no-crm-tab');

    const crm = await b.context.newPage();
    await crm.goto(srv.url('smtp-a.html'));
    await crm.locator('mailserver-assistent').waitFor({ state: 'attached' });
    await options.bringToFront();
    await options.getByRole('button', { name: 'Wijs de schakelaar aan in het CRM' }).click();
    await expect.poll(() => options.getByTestId('point-status').getAttribute('data-point')).toBe('not-rights-page');

    await crm.goto(srv.url('rights-off.html'));
    await crm.locator('mailserver-assistent').waitFor({ state: 'attached' });
    await options.bringToFront();
    await options.getByRole('button', { name: 'Wijs de schakelaar aan in het CRM' }).click();
    await expect.poll(() => options.getByTestId('point-status').getAttribute('data-point')).toBe('pointed');
    expect(await options.getByTestId('point-status').textContent()).toContain('staat nog uit');
    expect(await seriousViolations(options)).toEqual([]);
    await b.screenshot(options, 'wizard-nl-A-pointed');
    await crm.close();
    await options.close();
  });

  test('the popup on the CRM SMTP page loads the CRM section (fill, check)', async () => {
    const crm = await b.context.newPage();
    await crm.goto(srv.url('smtp-a.html?host=smtp.gmail.com&port=465&enc=tls&auth=password&user=ik@gmail.com'));
    await crm.locator('mailserver-assistent').waitFor({ state: 'attached' });
    const popup = await b.popupOver(crm);
    await popup.getByRole('button', { name: 'Invullen' }).waitFor();
    await popup.getByRole('button', { name: 'Controleer deze pagina' }).click();
    await expect.poll(() => popup.locator('[data-crm-check] [data-finding="port-encryption-mismatch"]').count()).toBe(1);
    expect(await seriousViolations(popup)).toEqual([]);
    await b.screenshot(popup, 'popup-nl-crm-smtp');
  });
});
