import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';
import { serveFixtures, type FixtureServer } from '../helpers/fixture-server';

declare const chrome: any;

// The panel and the page around it (issue 10 §2–§4, issue 15 §5): a fixed modal that cannot scroll,
// the page's language in an English browser, a page that hides the panel under a decoy, and a CRM
// that replaces its form while the panel is open.

let b: ExtensionBrowser;
let srv: FixtureServer;
let ext: Page;
const PASSWORD = 'Geheim-wachtwoord-123!';
const SAVED = { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', mode: 'mailbox' };

beforeAll(async () => {
  // An English browser: the Dutch CRM must still get a Dutch panel.
  [b, srv] = await Promise.all([launchWithExtension({ locale: 'en-US' }), serveFixtures()]);
  ext = await b.open('popup.html');
});
afterAll(async () => {
  await b?.close();
  await srv?.close();
});

async function save(opts: { settings?: object; password?: string; prefs?: object } = {}) {
  await ext.evaluate(async (o) => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
    await chrome.storage.local.set({ settings: o.settings ?? {}, wizard: {}, prefs: o.prefs ?? {} });
    if (o.password) await chrome.storage.session.set({ password: o.password });
  }, opts);
}
const panel = (page: Page) => page.locator('mailserver-assistent[data-screen="smtp"]');
const value = (page: Page, sel: string) => page.locator(sel).inputValue();

/** What is at the centre of each element: itself (for CRM controls), or the panel host and then the control (for panel buttons). */
async function reachable(page: Page) {
  return page.evaluate(() => {
    const vw = innerWidth;
    const vh = innerHeight;
    const inView = (r: DOMRect) => r.left >= 0 && r.top >= 0 && r.right <= vw && r.bottom <= vh && r.width > 0 && r.height > 0;
    const crm = [...document.querySelectorAll<HTMLElement>('form input:not([type=hidden]), .x-foot button')].map((el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { what: el.id || el.getAttribute('data-v') || el.outerHTML.slice(0, 40), ok: inView(r) && (top === el || top === el.closest('label')) };
    });
    const host = document.querySelector('mailserver-assistent[data-screen="smtp"]')!;
    const root = host.shadowRoot!;
    const ours = [...root.querySelectorAll<HTMLElement>('button, select, summary')].filter((el) => el.checkVisibility()).map((el) => {
      // Inside the card's own scroll area a control may need the card scrolled (as a mouse wheel would); never the page.
      el.scrollIntoView({ block: 'nearest' });
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      return { what: el.getAttribute('data-action') ?? el.getAttribute('data-preset') ?? el.getAttribute('data-fix') ?? el.tagName, ok: inView(r) && document.elementsFromPoint(x, y)[0] === host && root.elementsFromPoint(x, y)[0] === el };
    });
    return { crm, ours };
  });
}

/** Tabs through the page and names every control that got the focus (inside the panel's shadow root too). */
async function tabStops(page: Page, presses: number) {
  await page.locator('#m-host').focus();
  const seen = new Set<string>();
  for (let i = 0; i < presses; i++) {
    seen.add(
      await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        const inner = a?.shadowRoot?.activeElement as HTMLElement | null | undefined;
        const el = inner ?? a;
        return inner ? `panel:${el?.getAttribute('data-action') ?? el?.getAttribute('data-preset') ?? el?.tagName}` : (el?.id || el?.getAttribute('data-v') || el?.tagName || '');
      }),
    );
    await page.keyboard.press('Tab');
  }
  return seen;
}

describe('a fixed, full-screen modal that does not scroll', () => {
  for (const [width, height] of [
    [1280, 720],
    [1366, 768],
  ] as const) {
    test(`${width}×${height}: the panel docks beside the form; every CRM field and every panel button reachable by mouse and keyboard`, async () => {
      await save({ settings: SAVED, password: PASSWORD });
      const page = await b.context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(srv.url('smtp-modal-fixed.html'));
      const p = panel(page);
      await expect.poll(() => p.getAttribute('data-place'), { timeout: 10_000 }).toBe('float');
      await p.locator('[data-action="fill"]').waitFor();
      // Beside the sheet, not over it.
      const [sheet, card] = await Promise.all([page.locator('.sheet').boundingBox(), p.boundingBox()]);
      expect(card!.x >= sheet!.x + sheet!.width || card!.x + card!.width <= sheet!.x).toBe(true);
      const r = await reachable(page);
      expect(r.crm.filter((x) => !x.ok)).toEqual([]);
      expect(r.crm.length).toBeGreaterThanOrEqual(11);
      expect(r.ours.filter((x) => !x.ok)).toEqual([]);
      expect(r.ours.map((x) => x.what)).toEqual(expect.arrayContaining(['fill', 'check', 'copy-report', 'toggle', 'move', 'SUMMARY', 'SELECT']));
      const stops = await tabStops(page, 40);
      for (const id of ['m-host', 'm-port', 'm-user', 'm-pw', 'm-save', 'm-validate', 'panel:fill', 'panel:check', 'panel:copy-report', 'panel:toggle', 'panel:move']) expect([...stops], id).toContain(id);
      await b.screenshot(page, `crm-panel-float-${width}x${height}`);

      // The keyboard fills the form: Enter on "Invullen".
      await p.locator('[data-action="fill"]').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => value(page, '#m-pw')).toBe(PASSWORD);
      expect(await value(page, '#m-host')).toBe('smtp.office365.com');
      // The action row stays in view with the findings and the status shown.
      expect((await reachable(page)).ours.filter((x) => !x.ok)).toEqual([]);
      await b.screenshot(page, `crm-panel-float-${width}x${height}-filled`);

      // Collapsed: only the header; moved with the arrow keys on the handle.
      const before = (await p.boundingBox())!;
      await p.locator('[data-action="toggle"]').click();
      await expect.poll(() => p.locator('section').getAttribute('data-open')).toBe('false');
      expect((await p.boundingBox())!.height).toBeLessThan(60);
      await p.locator('[data-action="move"]').focus();
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowDown');
      await expect.poll(async () => (await p.boundingBox())!.x).toBeLessThan(before.x);
      expect((await p.boundingBox())!.y).toBeGreaterThan(before.y);
      await b.screenshot(page, `crm-panel-float-${width}x${height}-collapsed`);
      await page.close();
    });
  }
});

describe('language', () => {
  test('a Dutch CRM gets a Dutch panel in an English browser; an English page an English one; the page outranks Instellingen', async () => {
    await save({ settings: SAVED });
    const nl = await b.context.newPage();
    await nl.goto(srv.url('smtp-modal-fixed.html'));
    await expect.poll(() => panel(nl).locator('[data-action="check"]').textContent(), { timeout: 10_000 }).toBe('Controleren');
    expect(await panel(nl).locator('section').getAttribute('lang')).toBe('nl');
    await nl.close();

    await save({ settings: SAVED, prefs: { lang: 'nl' } });
    const en = await b.context.newPage();
    await en.goto(srv.url('smtp-modal-fixed.html?lang=en'));
    await expect.poll(() => panel(en).locator('[data-action="check"]').textContent(), { timeout: 10_000 }).toBe('Check');
    await b.screenshot(en, 'crm-panel-float-en');
    await en.close();
  });
});

describe('a page that plays tricks', () => {
  test('a page that hides the panel and lays a decoy over it gets no fill from a real click on the decoy', async () => {
    await save({ settings: SAVED, password: PASSWORD });
    const page = await b.context.newPage();
    await page.goto(srv.url('smtp-b.html'));
    const p = panel(page);
    await p.locator('[data-action="fill"]').waitFor({ timeout: 10_000 });
    // The findings are in (the panel has its final height), and "Invullen" is on screen.
    await p.locator('[data-finding]').first().waitFor({ state: 'attached' });
    await p.locator('[data-action="fill"]').scrollIntoViewIfNeeded();
    const box = (await p.locator('[data-action="fill"]').boundingBox())!;
    // The page makes the panel all but invisible and shows its own button right under "Invullen".
    await page.evaluate((r) => {
      const style = document.createElement('style');
      style.textContent = 'mailserver-assistent { opacity: 0.05 !important; }';
      document.head.append(style);
      const decoy = document.createElement('button');
      decoy.id = 'decoy';
      decoy.textContent = 'Win een prijs!';
      Object.assign(decoy.style, { position: 'absolute', left: `${r.x + scrollX}px`, top: `${r.y + scrollY}px`, width: `${r.width}px`, height: `${r.height}px`, zIndex: '-1' });
      document.body.append(decoy);
      // Where real clicks land, as the page sees them (a click in the panel reaches the page as one on its host).
      (window as unknown as { __landed: string[] }).__landed = [];
      document.addEventListener('click', (e) => (window as unknown as { __landed: string[] }).__landed.push((e.target as Element).tagName), true);
    }, box);
    await expect.poll(() => p.evaluate((el) => getComputedStyle(el).opacity)).toBe('0.05');
    await b.screenshot(page, 'crm-panel-decoy');
    // A real click (the mouse, trusted) at the decoy's place lands in the invisible panel: nothing happens.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __landed: string[] }).__landed)).toEqual(['MAILSERVER-ASSISTENT']); // the click did reach the panel
    expect(await value(page, '[data-f=password]')).toBe('');
    expect(await value(page, '[data-f=host]')).toBe('');
    expect(await p.locator('[data-status]').count()).toBe(0);
    // The same click with the panel shown fills: the test can fail.
    await page.evaluate(() => document.head.lastElementChild!.remove());
    await expect.poll(() => p.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => value(page, '[data-f=password]')).toBe(PASSWORD);
    await page.close();
  });

  test('the preset <select> ignores a change the page makes', async () => {
    await save({ settings: SAVED });
    const page = await b.context.newPage();
    await page.goto(srv.url('smtp-b.html'));
    const p = panel(page);
    const select = p.locator('select');
    await select.waitFor({ timeout: 10_000 });
    const preview = await p.locator('[data-preview]').textContent();
    const other = await select.evaluate((s: HTMLSelectElement) => s.options[1]!.value);
    await select.evaluate((s: HTMLSelectElement, v) => {
      s.value = v;
      s.dispatchEvent(new Event('change', { bubbles: true }));
      s.dispatchEvent(new Event('input', { bubbles: true }));
    }, other);
    expect(await select.inputValue()).toBe('');
    expect(await p.locator('[data-preview]').textContent()).toBe(preview);
    // The admin's own choice (the keyboard on the closed list: a trusted change) does change it.
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => p.locator('[data-preview]').textContent()).not.toBe(preview);
    await page.close();
  });
});

describe('the CRM replaces its form while the panel is open', () => {
  test('one panel, and the fill lands in the new inputs', async () => {
    await save({ settings: SAVED, password: PASSWORD });
    const page = await b.context.newPage();
    await page.goto(srv.url('smtp-b.html'));
    const p = panel(page);
    await p.locator('[data-action="fill"]').waitFor({ timeout: 10_000 });
    // The CRM re-renders: the same form, new nodes.
    await page.evaluate(() => {
      const old = document.querySelector('form')!;
      const fresh = old.cloneNode(true) as HTMLFormElement;
      fresh.id = 'fresh';
      old.replaceWith(fresh);
    });
    await expect.poll(() => page.evaluate(() => document.getElementById('fresh')!.nextElementSibling?.tagName), { timeout: 10_000 }).toBe('MAILSERVER-ASSISTENT');
    expect(await page.locator('mailserver-assistent').count()).toBe(1);
    await p.locator('[data-action="fill"]').click();
    await expect.poll(() => value(page, '#fresh [data-f=password]')).toBe(PASSWORD);
    expect(await value(page, '#fresh [data-f=host]')).toBe('smtp.office365.com');
    expect(await page.locator('mailserver-assistent').count()).toBe(1);
    await page.close();
  });
});

describe('a calm first view, and no silent wrong fill', () => {
  test('untouched CRM page at 1280×800: one line says what is empty, details folded, "Invullen" on screen', async () => {
    await save({ settings: SAVED, password: PASSWORD });
    const page = await b.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(srv.url('smtp-a.html'));
    const p = panel(page);
    await p.locator('[data-calm]').waitFor({ timeout: 10_000 });
    expect((await p.locator('[data-empty]').getAttribute('data-empty'))!.split(' ')).toContain('host');
    expect(await p.locator('[data-empty]').textContent()).toMatch(/^Nog leeg: Hostnaam/);
    // The findings are there, folded: no red box on screen.
    expect(await p.locator('details [data-finding]').count()).toBeGreaterThan(0);
    expect(await p.locator('.finding-error').evaluateAll((els) => els.filter((e) => (e as HTMLElement).checkVisibility()).length)).toBe(0);
    const fill = (await p.locator('[data-action="fill"]').boundingBox())!;
    expect(fill.y + fill.height).toBeLessThanOrEqual(800);
    await b.screenshot(page, 'crm-panel-untouched-nl');
    // Once the admin types, the findings show in full.
    await page.locator('[data-f=host]').fill('smtp.gmail.com');
    await expect.poll(() => p.locator('[data-calm]').count()).toBe(0);
    expect(await p.locator('[data-finding]').first().isVisible()).toBe(true);
    await page.close();
  });

  test('"Invullen" says first when the wizard calls the configuration wrong, and fills only on "Toch invullen"', async () => {
    await save({ settings: { host: 'smtp.gmail.com', port: 465, encryption: 'tls', authMethod: 'password', username: 'ik@gmail.com' } });
    const page = await b.context.newPage();
    await page.goto(srv.url('smtp-b.html'));
    const p = panel(page);
    await p.locator('[data-action="fill"]').click({ timeout: 10_000 });
    await expect.poll(() => p.locator('[data-status]').getAttribute('data-status')).toBe('error');
    expect(await p.locator('[data-status]').textContent()).toContain('Gebruik SSL');
    expect(await value(page, '[data-f=host]')).toBe('');
    await b.screenshot(page, 'crm-panel-fill-confirm');
    await p.locator('[data-action="fill-anyway"]').click();
    await expect.poll(() => value(page, '[data-f=host]')).toBe('smtp.gmail.com');
    await page.close();
  });
});
