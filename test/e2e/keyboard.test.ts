import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';

// The wizard and popup must work with the keyboard alone: no mouse clicks in this file.

/** Presses Tab until the focused element matches, failing after `max` presses (a focus trap or missing control). */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; label: string; type: string }) => boolean, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      const id = a?.id;
      const label = (id && document.querySelector(`label[for="${id}"]`)?.textContent) || a?.getAttribute('aria-label') || a?.closest('label')?.textContent || '';
      return { tag: a?.tagName.toLowerCase() ?? '', text: (a?.textContent ?? '').trim(), label: label.trim(), type: (a as HTMLInputElement | null)?.type ?? '' };
    });
    if (matches(el)) return;
  }
  throw new Error('focus never reached the wanted control with Tab');
}

/** The focused element has a visible focus indicator (outline or box-shadow), as a keyboard user needs. */
const focusVisible = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement;
    const s = getComputedStyle(a);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  });

describe('keyboard only', () => {
  let b: ExtensionBrowser;
  beforeAll(async () => {
    b = await launchWithExtension({ locale: 'nl-NL' });
  });
  afterAll(async () => {
    await b?.close();
  });

  test('wizard: reach step C, pick Office 365, type port 465, apply the fix, all by keyboard', async () => {
    const page = await b.open('options.html');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await tabTo(page, (el) => el.tag === 'button' && /Server/.test(el.text));
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h2').first().textContent()).toContain('Server');

    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Office 365');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Hostnaam').inputValue()).toBe('smtp.office365.com');

    await tabTo(page, (el) => el.tag === 'input' && /Poortnummer/.test(el.label));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('465');
    const finding = page.locator('[data-finding="office365-port-465"]');
    await expect.poll(() => finding.count()).toBe(1);
    await tabTo(page, (el) => el.tag === 'button' && /Poortnummer 587/.test(el.text));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Poortnummer').inputValue()).toBe('587');

    // Radios move with the arrow keys, as in any radio group.
    await page.getByRole('radio', { name: 'Gebruik TLS', exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('radio', { name: 'Gebruik TLS', exact: true }).isChecked()).toBe(false);
    await b.screenshot(page, 'keyboard-wizard-C');
    await page.close();
  });

  test('popup: a preset button is reachable and works with Enter', async () => {
    const page = await b.open('popup.html');
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Gmail');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('settings')).settings))?.host).toBe('smtp.gmail.com');
    await page.close();
  });
});
