import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SCREENSHOT_DIR } from './browser';

/** The Firefox test build: `npm run build:test` (also `wxt build -b firefox`, CRM_MATCHES=http://127.0.0.1/*). */
export const FIREFOX_EXTENSION_DIR = resolve(process.env.FIREFOX_EXTENSION_DIR ?? '.output/test/firefox-mv2');

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id from the manifest (browser_specific_settings.gecko.id). */
  extensionId: string;
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Debian's firefox-esr (never a downloaded browser) over WebDriver BiDi, with the Firefox test build
 * installed as a temporary add-on. BiDi does not navigate to moz-extension:// pages, so tests drive the
 * extension through its content script on pages served from 127.0.0.1.
 */
export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox test build in ${FIREFOX_EXTENSION_DIR}: run "npm run build:test" first`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    protocol: 'webDriverBiDi',
    defaultViewport: { width: 1100, height: 800 },
    extraPrefsFirefox: { 'intl.locale.requested': 'nl-NL', 'intl.accept_languages': 'nl-NL, nl' },
  });
  try {
    const extensionId = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    return {
      browser,
      extensionId,
      newPage: () => browser.newPage(),
      async screenshot(page, name) {
        const file = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
