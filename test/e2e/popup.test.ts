import { afterAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';

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
      expect(await status.textContent()).toMatch(lang === 'nl' ? /Nog geen instellingen/ : /No settings saved/);
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
