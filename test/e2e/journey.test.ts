import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { createApp, type App } from '../../server/app';
import { makeConfig } from '../../server/config';
import { INCLUDED_SPF, startDns, type TestDns } from '../../server/testing/dns';
import { secretForms } from '../../server/testing/app';
import { makeCert, startSmtp, type ReceivedMail, type TestSmtp } from '../../server/testing/smtp';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';
import { serveFixtures, type FixtureServer } from '../helpers/fixture-server';

// One admin's journey through the real UI, end to end, in Chromium; nothing is written to chrome.storage by
// the test. The options-page wizard (backend address, the right, the way of sending, the Office 365 preset,
// the service account and its password) → the CRM's SMTP page in a tab → the popup's "Invullen" → the panel's
// "Controleren" against a real SMTP server through a real backend → the validation round trip in the wizard.
// The backend's log lines of this run are collected and must hold neither the password nor the code.
//
// The preset's host, smtp.office365.com, is resolved by the backend through a real DNS server (dns2) to the
// test's SMTP server on 127.0.0.1; the admin types that server's port (a test cannot listen on 587).

const HOST = 'smtp.office365.com';
const USER = 'crm-service@test.nl';
const PASS = 'Journey-Wachtwoord-9!x';
const DOMAIN = 'test.nl';

let smtp: TestSmtp;
let dns: TestDns;
let app: App;
let http: ServerType;
let backendUrl: string;
let b: ExtensionBrowser;
let srv: FixtureServer;
/** Every log line the backend of this run wrote (pino, level debug). */
const logs: string[] = [];

beforeAll(async () => {
  const cert = await makeCert([HOST, '127.0.0.1']);
  smtp = await startSmtp({ cert, users: { [USER]: PASS } });
  dns = await startDns({
    ...INCLUDED_SPF,
    [HOST]: { a: ['127.0.0.1'] },
    [DOMAIN]: { mx: [{ exchange: `mx.${DOMAIN}`, priority: 10 }], txt: ['v=spf1 mx include:spf.protection.outlook.com -all'] },
    [`mx.${DOMAIN}`]: { a: ['127.0.0.1'] },
  });
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  app = createApp(makeConfig({ allowedCidrs: ['127.0.0.0/8'], extraPorts: [smtp.port], extraCa: [cert.cert], dnsServers: [dns.server] }), { logStream, logLevel: 'debug' });
  http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (http.listening ? r() : http.once('listening', () => r())));
  backendUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  [b, srv] = await Promise.all([launchWithExtension({ locale: 'nl-NL' }), serveFixtures()]);
});

afterAll(async () => {
  await b?.close();
  await srv?.close();
  await new Promise((r) => (http ? http.close(r) : r(undefined)));
  await Promise.all([app?.close(), smtp?.close(), dns?.close()]);
});

type Step = 'A' | 'B' | 'C' | 'D' | 'E' | 'summary';

/** "Volgende →" as the admin presses it, then waits for the next step to be current and loaded. */
async function next(page: Page, to: Step) {
  await page.locator('.step-actions').getByRole('button', { name: /Volgende/ }).click();
  await expect.poll(() => page.getByRole('navigation').locator(`button[data-step="${to}"]`).getAttribute('aria-current')).toBe('step');
  await expect.poll(() => page.locator('main .loading').count()).toBe(0);
}

const storageText = (page: Page, area: 'local' | 'session' | 'sync') =>
  page.evaluate(async (a) => JSON.stringify(await (globalThis as unknown as { chrome: { storage: Record<string, { get(k: null): Promise<object> }> } }).chrome.storage[a]!.get(null)), area);
const codeFrom = (mail: ReceivedMail) => /Uw validatiecode: ([A-Z0-9]{6})/.exec(mail.raw)?.[1];
const events = (page: Page) => page.evaluate(() => (window as unknown as { __events: { type: string; id: string; value: string; checked: boolean }[] }).__events);

describe('journey: wizard → CRM tab → popup "Invullen" → panel "Controleren" → validation', () => {
  let options: Page;
  let crm: Page;
  let code = '';

  test('the wizard, walked as an admin: backend address, the right, relay, the Office 365 preset, the service account and its password', async () => {
    options = await b.open('options.html');
    await options.getByRole('heading', { level: 1 }).waitFor();
    // Instellingen: the companion service's address, and its health checked.
    await options.getByRole('navigation').getByRole('button', { name: /Instellingen/ }).click();
    await options.getByLabel('Adres van de achtergronddienst').fill(backendUrl);
    await options.getByRole('button', { name: 'Verbinding testen' }).click();
    await expect.poll(() => options.getByTestId('health-status').textContent()).toContain('Verbonden');

    // A. The right is on (the admin ticks it off).
    await options.getByRole('navigation').locator('button[data-step="A"]').click();
    await expect.poll(() => options.getByRole('navigation').locator('button[data-step="A"]').getAttribute('aria-current')).toBe('step');
    await options.getByRole('checkbox', { name: /Gedaan/ }).check();
    // B. Mailserver doorsturen (relay) with a service account.
    await next(options, 'B');
    await options.getByRole('radio', { name: /Mailserver doorsturen/ }).check();
    // C. The Office 365 preset, then the port of this test's server.
    await next(options, 'C');
    await options.getByRole('button', { name: 'Office 365', exact: true }).click();
    await expect.poll(() => options.getByLabel('Hostnaam').inputValue()).toBe(HOST);
    expect(await options.getByRole('radio', { name: 'Gebruik TLS', exact: true }).isChecked()).toBe(true);
    await options.getByLabel('Poortnummer').fill(String(smtp.port));
    // D. User name and password (typed: the password lives in storage.session only).
    await next(options, 'D');
    expect(await options.getByRole('radio', { name: /Gebruikersnaam en wachtwoord/ }).isChecked()).toBe(true);
    await options.getByRole('textbox', { name: /^Gebruikersnaam/ }).fill(USER);
    await options.getByLabel('Wachtwoord', { exact: true }).fill(PASS);
    // Read, never written, by the test: the password went to storage.session only.
    await expect.poll(() => storageText(options, 'session')).toContain(PASS);
    expect(await storageText(options, 'local')).not.toContain(PASS);
    expect(await storageText(options, 'sync')).not.toContain(PASS);
    expect(await storageText(options, 'local')).toContain(backendUrl);
    await b.screenshot(options, 'journey-wizard-D');
  });

  test('the CRM SMTP page in a tab, the popup against it: "Invullen" fills the form, and the page sees input and change events', async () => {
    crm = await b.context.newPage();
    await crm.goto(srv.url('smtp-a.html'));
    await crm.locator('mailserver-assistent').waitFor({ state: 'attached' });
    const popup = await b.popupOver(crm);
    await crm.evaluate(() => ((window as unknown as { __events: unknown[] }).__events.length = 0));
    const fill = popup.getByRole('region', { name: 'Invullen op deze pagina' });
    await fill.getByRole('button', { name: 'Invullen' }).click();
    await expect.poll(() => fill.getByRole('status').textContent()).toMatch(/Ingevuld: /);
    // In the CRM's own words, as the admin sees them in the page.
    expect(await fill.getByRole('status').textContent()).toBe('Ingevuld: Hostnaam, Poortnummer, Encryptie, Authenticatie, Gebruikersnaam, Wachtwoord.');
    await b.screenshot(popup, 'journey-popup-filled');
    await popup.close();

    expect(await crm.locator('[data-f=host]').inputValue()).toBe(HOST);
    expect(await crm.locator('[data-f=port]').inputValue()).toBe(String(smtp.port));
    expect(await crm.locator('[data-v="enc:tls"]').isChecked()).toBe(true);
    expect(await crm.locator('[data-v="auth:password"]').isChecked()).toBe(true);
    expect(await crm.locator('[data-f=username]').inputValue()).toBe(USER);
    expect(await crm.locator('[data-f=password]').inputValue()).toBe(PASS);
    // The page's own scripts saw typing and clicks: input and change on each text field, change on the radios.
    const seen = await events(crm);
    for (const id of ['id_355', 'id_360', 'id_388', 'id_393']) {
      expect(seen.some((e) => e.id === id && e.type === 'input'), `input on ${id}`).toBe(true);
      expect(seen.some((e) => e.id === id && e.type === 'change'), `change on ${id}`).toBe(true);
    }
    expect(seen.some((e) => e.id === 'id_372' && e.type === 'change' && e.checked)).toBe(true);
    expect(seen.some((e) => e.id === 'id_379' && e.type === 'change' && e.checked)).toBe(true);
    // The CRM shows the credential rows once "Gebruikernaam en wachtwoord" is chosen (its own change handler ran).
    expect(await crm.locator('tr.cred').first().isVisible()).toBe(true);
  });

  test('the panel\'s "Controleren": consent, then the verdict ok from the real SMTP server, logged in with the form\'s password', async () => {
    const p = crm.locator('mailserver-assistent[data-screen="smtp"]');
    const before = smtp.authAttempts.length;
    await p.locator('[data-action="check"]').click();
    const consent = p.locator('[data-probe="consent"]');
    await consent.waitFor();
    expect(await consent.textContent()).toContain(backendUrl);
    await consent.locator('[data-action="probe-consent"]').click();
    await expect.poll(() => p.locator('[data-verdict]').getAttribute('data-verdict'), { timeout: 15_000 }).toBe('ok');
    expect(await p.locator('[data-verdict] [data-step="auth"]').getAttribute('data-step-status')).toBe('ok');
    expect(await p.locator('[data-verdict] [data-step="tls"]').first().getAttribute('data-step-status')).toBe('ok');
    expect(await p.locator('[data-login-claim]').getAttribute('data-login-claim')).toBe('password.form');
    expect(smtp.authAttempts.slice(before)).toEqual([expect.objectContaining({ username: USER })]);
    // The panel shows the result, never the password.
    expect(await crm.evaluate((pw) => document.querySelector('mailserver-assistent')!.shadowRoot!.innerHTML.includes(pw), PASS)).toBe(false);
    await b.screenshot(crm, 'journey-panel-ok');
  });

  test('the validation round trip in the wizard: the code mail arrives, the code is entered, the domain is validated', async () => {
    await options.bringToFront();
    await next(options, 'E');
    await options.getByLabel('Domein', { exact: true }).fill(DOMAIN);
    await options.getByLabel('Van', { exact: true }).fill('crm');
    await options.getByLabel('Naar', { exact: true }).fill(`beheer@${DOMAIN}`);
    const mail = smtp.nextMail();
    await options.getByRole('button', { name: 'E-mail validatiecode versturen' }).click();
    await options.getByTestId('code-sent').waitFor({ timeout: 15_000 });
    const received = await mail;
    expect(received.from).toBe(`crm@${DOMAIN}`);
    expect(received.to).toEqual([`beheer@${DOMAIN}`]);
    expect(received.user).toBe(USER);
    code = codeFrom(received)!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await options.getByLabel('Validatiecode', { exact: true }).fill(code);
    await options.getByRole('button', { name: 'Valideer', exact: true }).click();
    await expect.poll(() => options.getByTestId('validated-domain').textContent()).toBe(DOMAIN);
    await b.screenshot(options, 'journey-wizard-validated');
  });

  test("the backend's log lines of this run hold neither the password (plain, base64, AUTH PLAIN) nor the code", async () => {
    // The run did log: requests, the probe, the validation.
    expect(logs.some((l) => l.includes('"msg":"probe"'))).toBe(true);
    expect(code).not.toBe('');
    const text = logs.join('\n');
    for (const secret of secretForms([{ user: USER, pass: PASS }])) expect(text.includes(secret), `a form of the password in the logs: ${secret}`).toBe(false);
    expect(text.includes(code)).toBe(false);
    expect(text.toLowerCase().includes(code.toLowerCase())).toBe(false);
  });
});
