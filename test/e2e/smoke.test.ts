import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';

let b: ExtensionBrowser;
beforeAll(async () => {
  b = await launchWithExtension();
});
afterAll(async () => {
  await b?.close();
});

test('the built extension loads in Chromium and its options page renders in Dutch', async () => {
  const page = await b.open('options.html');
  await expect.poll(() => page.locator('h1').first().textContent()).toContain('Eigen mailserver');
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
  await b.screenshot(page, 'smoke-options-nl');
});
