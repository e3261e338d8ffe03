import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The test build: `npm run build:test` (CRM_MATCHES=http://127.0.0.1/*). */
export const TEST_EXTENSION_DIR = resolve(process.env.TEST_EXTENSION_DIR ?? '.output/test/chrome-mv3');
export const SCREENSHOT_DIR = resolve('test-results/screenshots');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Opens an extension page (popup.html, options.html) in a new tab. */
  open(path: string): Promise<Page>;
  /** The popup (360 px wide) read with `crm` as the active tab, as when it opens from the toolbar over the CRM. */
  popupOver(crm: Page): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** Debian's Chromium with the built extension loaded; never a downloaded browser. */
export async function launchWithExtension(opts: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(TEST_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No test build in ${TEST_EXTENSION_DIR}: run "npm run build:test" first`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'msa-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false, // --headless=new below; playwright's own headless mode cannot load extensions
    locale: opts.locale ?? 'nl-NL',
    colorScheme: opts.colorScheme ?? 'light',
    viewport: { width: 1100, height: 800 },
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${opts.locale ?? 'nl-NL'}`,
      `--disable-extensions-except=${TEST_EXTENSION_DIR}`,
      `--load-extension=${TEST_EXTENSION_DIR}`,
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const open = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  return {
    context,
    extensionId,
    open,
    async popupOver(crm) {
      const popup = await open('popup.html');
      await popup.setViewportSize({ width: 360, height: 700 });
      await crm.bringToFront();
      await popup.evaluate(() => location.reload());
      await popup.getByTestId('tab-crm').waitFor();
      return popup;
    },
    async screenshot(page, name) {
      const file = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
