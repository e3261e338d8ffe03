import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';

const AXE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
const STEPS = ['A', 'B', 'C', 'D', 'E', 'summary'] as const;

/** Runs axe-core in the page (evaluated through the debugger protocol, so the extension CSP does not block it). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

const storage = (page: Page, area: 'local' | 'session' | 'sync') =>
  page.evaluate(
    async (a) => {
      const chromeApi = (globalThis as unknown as { chrome: { storage: Record<string, { get(k: null): Promise<Record<string, unknown>> }> } }).chrome;
      return chromeApi.storage[a]!.get(null);
    },
    area,
  );

/** Opens a step through the side navigation and waits for it to be there (aria-current and its content). */
async function goTo(page: Page, step: (typeof STEPS)[number] | 'settings') {
  const nav = page.getByRole('navigation');
  const index = STEPS.indexOf(step as (typeof STEPS)[number]);
  const button = step === 'settings' ? nav.getByRole('button', { name: /Instellingen|Settings/ }) : nav.getByRole('button').nth(index);
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current')).toBeTruthy();
  // The lazily loaded step has replaced its placeholder.
  await expect.poll(() => page.locator('main .loading').count()).toBe(0);
}

/** Each test starts from its own stored state (the tests share one page, not each other's leftovers). */
async function fresh(page: Page, local: Record<string, unknown> = {}, session: Record<string, unknown> = {}) {
  await page.evaluate(
    async ([l, s]) => {
      const c = (globalThis as unknown as { chrome: { storage: Record<'local' | 'session', { clear(): Promise<void>; set(v: object): Promise<void> }> } }).chrome;
      await c.storage.local.clear();
      await c.storage.session.clear();
      await c.storage.local.set(l);
      await c.storage.session.set(s);
    },
    [local, session] as const,
  );
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

const O365 = { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@example.nl', mode: 'relay' };

/** Visits every step (plus Instellingen): axe must find no serious or critical violation; a screenshot each. */
async function walk(b: ExtensionBrowser, page: Page, prefix: string) {
  for (const step of [...STEPS, 'settings'] as const) {
    await goTo(page, step);
    await expect.poll(() => page.locator('h2').first().textContent()).toBeTruthy();
    expect(await seriousViolations(page), `axe on ${prefix} ${step}`).toEqual([]);
    await b.screenshot(page, `${prefix}-${step}`);
  }
}

describe('options wizard (Dutch)', () => {
  let b: ExtensionBrowser;
  let page: Page;
  beforeAll(async () => {
    b = await launchWithExtension({ locale: 'nl-NL' });
    page = await b.open('options.html');
    await page.getByRole('heading', { level: 1 }).waitFor();
  });
  afterAll(async () => {
    await b?.close();
  });

  test('step C: Office 365 fills the CRM form and shows the Microsoft findings', async () => {
    await fresh(page);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await goTo(page, 'C');
    await page.getByRole('button', { name: 'Office 365', exact: true }).click();
    expect(await page.getByLabel('Hostnaam').inputValue()).toBe('smtp.office365.com');
    expect(await page.getByLabel('Poortnummer').inputValue()).toBe('587');
    expect(await page.getByRole('radio', { name: 'Gebruik TLS', exact: true }).isChecked()).toBe(true);
    await expect.poll(() => page.locator('[data-finding="office365-smtp-auth"]').count()).toBe(1);
    expect(await page.locator('[data-finding="office365-basic-auth-retirement"]').count()).toBe(1);
  });

  test('step C: Office 365 on port 465 gets one finding with one fix, to 587 + "Gebruik TLS" (never "Gebruik SSL")', async () => {
    await fresh(page, { settings: O365 });
    await goTo(page, 'C');
    await page.getByLabel('Poortnummer').fill('465');
    const finding = page.locator('[data-finding="office365-port-465"]');
    await expect.poll(() => finding.count()).toBe(1);
    expect(await page.locator('[data-finding="port-encryption-mismatch"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Herstel:/ }).count()).toBe(1);
    await b.screenshot(page, 'wizard-nl-C-office365-465');
    await finding.getByRole('button', { name: /Poortnummer 587 \+ Gebruik TLS/ }).click();
    await expect.poll(() => page.getByLabel('Poortnummer').inputValue()).toBe('587');
    expect(await page.getByRole('radio', { name: 'Gebruik TLS', exact: true }).isChecked()).toBe(true);
    await expect.poll(() => finding.count()).toBe(0);
  });

  test('step D: a typed password lives in storage.session only', async () => {
    await fresh(page, { settings: { ...O365, authMethod: 'ip-whitelist', username: '' } });
    await goTo(page, 'D');
    await page.getByRole('radio', { name: 'Gebruikersnaam en wachtwoord' }).check();
    await page.getByLabel('Gebruikersnaam', { exact: true }).fill('crm@example.nl');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('Geheim-wachtwoord-123');
    await page.getByRole('button', { name: 'Wachtwoord tonen' }).click();
    expect(await page.getByLabel('Wachtwoord', { exact: true }).getAttribute('type')).toBe('text');
    await page.getByRole('button', { name: 'Wachtwoord verbergen' }).click();
    await expect.poll(async () => JSON.stringify(await storage(page, 'session'))).toContain('Geheim-wachtwoord-123');
    expect(JSON.stringify(await storage(page, 'local'))).not.toContain('Geheim-wachtwoord-123');
    expect(JSON.stringify(await storage(page, 'sync'))).not.toContain('Geheim-wachtwoord-123');
    expect(((await storage(page, 'local')).settings as { username?: string }).username).toBe('crm@example.nl');
  });

  test('step D: IP whitelisting loads the CRM range in canonical form with snippets', async () => {
    await fresh(page, { settings: { ...O365, host: 'mail.example.nl' } });
    await goTo(page, 'D');
    await page.getByRole('radio', { name: 'IP Whitelisting' }).check();
    await expect.poll(() => page.getByTestId('crm-range-canonical').textContent()).toBe('212.61.168.0/27');
    await page.getByRole('radio', { name: 'Postfix' }).check();
    // The range is shared by every CRM customer: the step says so, and every snippet limits the senders to the typed domains.
    expect(await page.getByTestId('range-shared').textContent()).toContain('alle klanten van het CRM');
    await page.getByLabel('Uw eigen domein(en)').fill('bakkerij-jansen.nl, jansen.be');
    await expect.poll(() => page.locator('pre').textContent()).toContain('bakkerij-jansen.nl OK');
    expect(await page.locator('pre').textContent()).toContain('check_sender_access');
    expect(await page.locator('pre').textContent()).not.toMatch(/^mynetworks\s*=/m);
    await page.getByRole('radio', { name: 'Exim' }).check();
    await expect.poll(() => page.locator('pre').textContent()).toContain('domainlist crm_sender_domains = bakkerij-jansen.nl : jansen.be');
    await page.getByRole('radio', { name: 'Postfix' }).check();
    expect(await page.locator('[data-finding="crm-range-non-canonical"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await b.screenshot(page, 'wizard-nl-D-whitelist');
    await page.getByRole('radio', { name: 'Gebruikersnaam en wachtwoord' }).check();
  });

  test('step E: Van and Naar are checked against Domein', async () => {
    await fresh(page, { settings: O365 });
    await goTo(page, 'E');
    await page.getByLabel('Domein').fill('example.nl');
    await page.getByLabel('Van', { exact: true }).fill('jan@example.nl');
    await page.getByLabel('Naar', { exact: true }).fill('piet@elders.nl');
    // Calm until touched: the problem shows once the admin leaves the field.
    await page.getByLabel('Naar', { exact: true }).press('Tab');
    await expect.poll(() => page.locator('[data-finding="address-outside-domain"]').count()).toBe(1);
    await page.getByLabel('Naar', { exact: true }).fill('piet@example.nl');
    await expect.poll(() => page.locator('[data-finding="address-outside-domain"]').count()).toBe(0);
  });

  test('step E: "Test nu" says clearly when the companion service is not reachable, or gives a verdict', async () => {
    // Point at a loopback port nobody listens on, so the outcome does not depend on a running backend.
    await fresh(page, { settings: O365, prefs: { backendUrl: 'http://127.0.0.1:9' }, wizard: { step: 'E' } }, { password: 'Geheim-wachtwoord-123' });
    await page.getByRole('heading', { level: 2, name: /Validatie/ }).waitFor();
    await page.getByRole('button', { name: 'Test nu' }).click();
    await expect.poll(() => page.getByTestId('backend-down').textContent()).toContain('npm start');
    expect(await page.getByTestId('backend-down').textContent()).toContain('http://127.0.0.1:9');
    await b.screenshot(page, 'wizard-nl-E-backend-down');
  });

  test('samenvatting: CRM values, and a malformed import changes nothing', async () => {
    await fresh(page, { settings: O365 }, { password: 'Geheim-wachtwoord-123' });
    await goTo(page, 'summary');
    const table = page.getByRole('table');
    expect(await table.textContent()).toContain('smtp.office365.com');
    expect(await table.textContent()).not.toContain('Geheim-wachtwoord-123');
    const before = JSON.stringify(await storage(page, 'local'));
    await page.getByLabel('Importeer JSON-bestand').setInputFiles({ name: 'kapot.json', mimeType: 'application/json', buffer: Buffer.from('{"settings": {"host": ') });
    await expect.poll(() => page.getByTestId('import-status').textContent()).toContain('Er is niets gewijzigd');
    await page.getByLabel('Importeer JSON-bestand').setInputFiles({ name: 'vreemd.json', mimeType: 'application/json', buffer: Buffer.from('{"settings": {"port": {"x": 1}}}') });
    await expect.poll(() => page.getByTestId('import-status').textContent()).toContain('geen export');
    expect(JSON.stringify(await storage(page, 'local'))).toBe(before);
  });

  test('import and export through the UI: a good round trip, too big, a password field, an unsafe backend URL, a changed URL confirmed, a new server clears the password', async () => {
    await fresh(page, { settings: O365, prefs: { backendUrl: 'http://127.0.0.1:8787' } }, { password: 'Geheim-wachtwoord-123' });
    await goTo(page, 'summary');
    // Export: a real download, without the password.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteer als JSON' }).click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Record<string, unknown> & { settings: Record<string, unknown> };
    expect(exported).toMatchObject({ kind: 'mailserver-assistent', version: 1, settings: { host: 'smtp.office365.com' } });
    expect(JSON.stringify(exported)).not.toContain('Geheim-wachtwoord-123');
    const input = page.getByLabel('Importeer JSON-bestand');
    const file = (name: string, body: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });
    const before = JSON.stringify(await storage(page, 'local'));
    // Too big.
    await input.setInputFiles(file('groot.json', { ...exported, pad: 'x'.repeat(70 * 1024) }));
    await expect.poll(() => page.getByTestId('import-status').textContent()).toContain('te groot');
    // A password field: refused whole.
    await input.setInputFiles(file('wachtwoord.json', { ...exported, settings: { ...exported.settings, password: 'uit-een-bestand' } }));
    await expect.poll(() => page.getByTestId('import-status').textContent()).toContain('wachtwoordveld (settings.password)');
    // A non-loopback http:// backend.
    await input.setInputFiles(file('http.json', { ...exported, prefs: { backendUrl: 'http://backend.example.nl' } }));
    await expect.poll(() => page.getByTestId('import-status').textContent()).toContain('niet veilig');
    expect(JSON.stringify(await storage(page, 'local'))).toBe(before);
    // A changed (safe) backend URL is shown and waits for a yes.
    await input.setInputFiles(file('ander.json', { ...exported, prefs: { backendUrl: 'https://backend.example.nl' } }));
    await expect.poll(() => page.getByTestId('import-confirm').textContent()).toContain('https://backend.example.nl');
    expect(JSON.stringify(await storage(page, 'local'))).toBe(before);
    await page.getByRole('button', { name: 'Nee, huidig adres houden' }).click();
    await expect.poll(() => page.getByTestId('import-status').textContent()).toContain('Import gelukt');
    expect(((await storage(page, 'local')).prefs as { backendUrl?: string }).backendUrl).toBe('http://127.0.0.1:8787');
    // Same server: the session password stays. Another server: it is cleared.
    expect(JSON.stringify(await storage(page, 'session'))).toContain('Geheim-wachtwoord-123');
    await input.setInputFiles(file('andere-server.json', { ...exported, settings: { ...exported.settings, host: 'smtp.elders.nl' } }));
    await expect.poll(() => page.getByTestId('import-status').textContent()).toContain('wachtwoord van deze sessie is gewist');
    expect(JSON.stringify(await storage(page, 'session'))).not.toContain('Geheim-wachtwoord-123');
    expect(((await storage(page, 'local')).settings as { host?: string }).host).toBe('smtp.elders.nl');
  });

  test('every step passes axe and is photographed (Dutch)', async () => {
    await fresh(page, { settings: O365 });
    await walk(b, page, 'wizard-nl');
  }, 180_000);
});

describe('options wizard (English, from the browser language)', () => {
  let b: ExtensionBrowser;
  afterAll(async () => {
    await b?.close();
  });
  test('every step is in English, passes axe and is photographed', async () => {
    b = await launchWithExtension({ locale: 'en-US' });
    const page = await b.open('options.html');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Set up your own mail server');
    await goTo(page, 'C');
    await page.getByRole('button', { name: 'Office 365', exact: true }).click();
    await page.getByLabel(/Poortnummer/).fill('465');
    await walk(b, page, 'wizard-en');
  }, 180_000); // seven steps with axe each, on a shared 2-core machine

  test('the whitelisting step in English: the shared-range warning and snippet comments in English', async () => {
    const page = await b.open('options.html');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await goTo(page, 'D');
    await page.getByRole('radio', { name: 'IP Whitelisting' }).check();
    await expect.poll(() => page.getByTestId('range-shared').textContent()).toContain('every customer of the CRM shares this range');
    await page.getByLabel('Your own domain(s)').fill('bakkerij-jansen.nl');
    await expect.poll(() => page.locator('pre').textContent()).toContain('# /etc/postfix/crm_sender_domains — your own domain(s)');
    expect(await seriousViolations(page)).toEqual([]);
    await b.screenshot(page, 'wizard-en-D-whitelist');
  }, 60_000);
});

describe('options wizard (dark mode)', () => {
  let b: ExtensionBrowser;
  afterAll(async () => {
    await b?.close();
  });
  test('step C in dark mode passes axe and is photographed', async () => {
    b = await launchWithExtension({ locale: 'nl-NL', colorScheme: 'dark' });
    const page = await b.open('options.html');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await goTo(page, 'C');
    await page.getByRole('button', { name: 'Gmail', exact: true }).click();
    await page.getByRole('radio', { name: 'Geen encryptie' }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await b.screenshot(page, 'wizard-dark-C');
  });
});
