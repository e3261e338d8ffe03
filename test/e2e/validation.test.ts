import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { createApp, type App } from '../../server/app';
import { makeConfig } from '../../server/config';
import { INCLUDED_SPF, startDns, type TestDns } from '../../server/testing/dns';
import { makeCert, startSmtp, type ReceivedMail, type TestSmtp } from '../../server/testing/smtp';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';

// A full validation round trip through the wizard: discover (real DNS server) → Test nu (real probe) →
// code mail through a real SMTP server → wrong code → right code, read from the received mail.
const USER = 'crm@test.nl';
const PASS = 'E2e-Validatie-Wachtwoord!7';
const STEPS = ['A', 'B', 'C', 'D', 'E', 'summary'] as const;

let smtp: TestSmtp;
let dns: TestDns;
let app: App;
let server: ReturnType<typeof serve>;
let backendUrl: string;

beforeAll(async () => {
  const cert = await makeCert(['smtp.test.nl', '127.0.0.1']);
  smtp = await startSmtp({ cert, users: { [USER]: PASS } });
  dns = await startDns({
    'test.nl': { mx: [{ exchange: 'mx.test.nl', priority: 10 }], txt: ['v=spf1 mx -all'] },
    '_submission._tcp.test.nl': { srv: [{ target: 'smtp.test.nl', port: smtp.port }] },
    'smtp.test.nl': { a: ['127.0.0.1'] },
    'mx.test.nl': { a: ['127.0.0.1'] },
    // Microsoft 365 behind a filtering service: the MX names Mimecast, the SPF record names Microsoft.
    ...INCLUDED_SPF,
    'advocaten-filter.nl': {
      mx: [{ exchange: 'eu-smtp-inbound-1.mimecast.com', priority: 10 }],
      txt: ['v=spf1 include:spf.protection.outlook.com include:eu._netblocks.mimecast.com -all'],
    },
    // 11 DNS look-ups in one SPF record: over the limit of RFC 7208 §4.6.4.
    'veel-spf.nl': { mx: [{ exchange: 'mx.veel-spf.nl', priority: 10 }], txt: [`v=spf1 ${Array.from({ length: 11 }, (_, i) => `a:h${i}.veel-spf.nl`).join(' ')} -all`] },
  });
  app = createApp(makeConfig({ allowedCidrs: ['127.0.0.0/8'], extraPorts: [smtp.port], extraCa: [cert.cert], dnsServers: [dns.server] }), { logLevel: 'silent' });
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
  backendUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await Promise.all([app?.close(), smtp?.close(), dns?.close()]);
});

const AXE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const codeFrom = (mail: ReceivedMail) => /Uw validatiecode: ([A-Z0-9]{6})/.exec(mail.raw)?.[1];

async function goTo(page: Page, step: (typeof STEPS)[number] | 'settings') {
  const nav = page.getByRole('navigation');
  if (step === 'settings') await nav.getByRole('button', { name: /Instellingen|Settings/ }).click();
  else await nav.getByRole('button').nth(STEPS.indexOf(step)).click();
  // Positive signals instead of a sleep: the button is the current one, the lazy step has loaded.
  const button = step === 'settings' ? nav.getByRole('button', { name: /Instellingen|Settings/ }) : nav.getByRole('button').nth(STEPS.indexOf(step));
  await expect.poll(() => button.getAttribute('aria-current')).toBeTruthy();
  await expect.poll(() => page.locator('main .loading').count()).toBe(0);
}

const storageText = (page: Page, area: 'local' | 'session' | 'sync') =>
  page.evaluate(async (a) => JSON.stringify(await (globalThis as unknown as { chrome: { storage: Record<string, { get(k: null): Promise<object> }> } }).chrome.storage[a]!.get(null)), area);

describe.each([
  { lang: 'nl', locale: 'nl-NL', t: { settings: 'Instellingen', backend: 'Adres van de achtergronddienst', testConn: 'Verbinding testen', email: 'E-mailadres of domein', search: 'Zoek instellingen', pw: 'Wachtwoord', test: 'Test nu', send: 'E-mail validatiecode versturen', code: 'Validatiecode', confirm: 'Valideer', left: 'nog 4 keer', connected: 'Verbonden', domain: 'Domein', from: 'Van', to: 'Naar', spfSource: 'genoemd in het SPF-record', spfLimit: 'kost 11 DNS-opzoekingen' } },
  { lang: 'en', locale: 'en-US', t: { settings: 'Settings', backend: 'Companion service address', testConn: 'Test connection', email: 'Email address or domain', search: 'Find settings', pw: 'Wachtwoord (password)', test: 'Test now', send: 'Send validation code email', code: 'Validatiecode (validation code)', confirm: 'Validate', left: '4 more times', connected: 'Connected', domain: 'Domein (domain)', from: 'Van (from)', to: 'Naar (to)', spfSource: 'named in the SPF record', spfLimit: 'costs 11 DNS lookups' } },
])('validation round trip through the wizard ($lang)', ({ lang, locale, t }) => {
  let b: ExtensionBrowser;
  let page: Page;
  beforeAll(async () => {
    b = await launchWithExtension({ locale });
    page = await b.open('options.html');
    await page.getByRole('heading', { level: 1 }).waitFor();
  });
  afterAll(async () => {
    await b?.close();
  });

  test('Instellingen: the backend URL is saved and its health checked', async () => {
    await goTo(page, 'settings');
    await page.getByLabel(t.backend).fill(backendUrl);
    await page.getByRole('button', { name: t.testConn }).click();
    await expect.poll(() => page.getByTestId('health-status').textContent()).toContain(t.connected);
  });

  test('step C: Microsoft 365 behind a filtering MX comes first, named from the SPF record; an SPF over the look-up limit is an error', async () => {
    await goTo(page, 'C');
    await page.getByLabel(t.email).fill('info@advocaten-filter.nl');
    await page.getByRole('button', { name: t.search }).click();
    const first = page.getByTestId('discover-candidates').getByRole('button').first();
    await expect.poll(() => first.getAttribute('data-source'), { timeout: 10_000 }).toBe('spf');
    expect(await first.textContent()).toContain('Office 365');
    expect(await first.textContent()).toContain(t.spfSource);
    await page.getByLabel(t.email).fill('veel-spf.nl');
    await page.getByRole('button', { name: t.search }).click();
    await expect.poll(() => page.locator('[data-finding="spf-too-many-lookups"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[data-finding="spf-too-many-lookups"]').textContent()).toContain(t.spfLimit);
    await b.screenshot(page, `validation-${lang}-C-discover-spf`);
  });

  test('step C: discover finds the server from the SRV record and fills the form', async () => {
    await goTo(page, 'C');
    await page.getByLabel(t.email).fill(USER);
    await page.getByRole('button', { name: t.search }).click();
    const candidate = page.getByTestId('discover-candidates').getByRole('button', { name: new RegExp(`smtp\\.test\\.nl:${smtp.port}`) });
    await candidate.waitFor();
    expect(await page.locator('[data-finding="dmarc-missing"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await b.screenshot(page, `validation-${lang}-C-discover`);
    await candidate.click();
    expect(await page.getByLabel(/Hostnaam/).inputValue()).toBe('smtp.test.nl');
    expect(await page.getByLabel(/Poortnummer/).inputValue()).toBe(String(smtp.port));
    expect(await page.getByRole('radio', { name: 'Gebruik TLS', exact: true }).isChecked()).toBe(true);
  });

  test('step D: the user name came with the candidate; the password goes to the session', async () => {
    await goTo(page, 'D');
    await page.getByRole('radio', { name: /Gebruikersnaam en wachtwoord/ }).check();
    expect(await page.getByRole('textbox', { name: /^Gebruikersnaam/ }).inputValue()).toBe(USER);
    await page.getByLabel(t.pw, { exact: true }).fill(PASS);
    await expect.poll(() => storageText(page, 'session')).toContain(PASS);
  });

  test('step E: Test nu gives the verdict ok, with every step', async () => {
    await goTo(page, 'E');
    await page.getByLabel(t.domain, { exact: true }).fill('test.nl');
    // As the CRM asks: the local part; "@test.nl" is shown after the field.
    await page.getByLabel(t.from, { exact: true }).fill('jan');
    await page.getByLabel(t.to, { exact: true }).fill('piet@test.nl');
    await page.getByRole('button', { name: t.test, exact: true }).click();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict'), { timeout: 15_000 }).toBe('ok');
    expect(await page.locator('[data-testid="probe-steps"] [data-step="auth"]').getAttribute('data-status')).toBe('ok');
    expect(await page.locator('[data-testid="probe-steps"] [data-step="tls"]').getAttribute('data-status')).toBe('ok');
    expect(await seriousViolations(page)).toEqual([]);
    await b.screenshot(page, `validation-${lang}-E-verdict`);
  });

  test('step E: send the code, a wrong code first (attempts left), then the code from the mail', async () => {
    const mail = smtp.nextMail();
    await page.getByRole('button', { name: t.send }).click();
    await page.getByTestId('code-sent').waitFor({ timeout: 15_000 });
    const received = await mail;
    expect(received.from).toBe('jan@test.nl');
    expect(received.to).toEqual(['piet@test.nl']);
    const code = codeFrom(received)!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await b.screenshot(page, `validation-${lang}-E-sent`);

    const wrong = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    await page.getByLabel(t.code, { exact: true }).fill(wrong);
    await page.getByRole('button', { name: t.confirm, exact: true }).click();
    await expect.poll(() => page.getByTestId('code-problem').textContent()).toContain(t.left);
    expect(await seriousViolations(page)).toEqual([]);
    await b.screenshot(page, `validation-${lang}-E-wrong-code`);

    await page.getByLabel(t.code, { exact: true }).fill(code.toLowerCase());
    await page.getByRole('button', { name: t.confirm, exact: true }).click();
    await expect.poll(() => page.getByTestId('validated-domain').textContent()).toBe('test.nl');
    expect(await seriousViolations(page)).toEqual([]);
    await b.screenshot(page, `validation-${lang}-E-validated`);

    // The password stayed in the session store and in the password field only.
    expect(await storageText(page, 'local')).not.toContain(PASS);
    expect(await storageText(page, 'sync')).not.toContain(PASS);
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(PASS);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(PASS);
  });
});
