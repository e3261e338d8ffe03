import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import net, { type AddressInfo } from 'node:net';
import type { Page, Worker } from 'playwright-core';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type App } from '../../server/app';
import { makeConfig } from '../../server/config';
import { closedPort, makeCert, startSmtp, type TestSmtp } from '../../server/testing/smtp';
import { startDns, type TestDns } from '../../server/testing/dns';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';

declare const chrome: any;

// The daily check (issue 13) end to end: Chromium with the built test extension (alarms and notifications
// granted at install, WATCH_GRANTED=1), the real backend (server/app.ts) over HTTP, a real DNS server for
// the domain, and real SMTP servers behind one port: first a good one, then one whose certificate expires
// within 30 days, then one without STARTTLS. The checks run through the real alarm path: the test sets the
// extension's own "watch" alarm to now, exactly as the daily timer does.

const USER = 'crm@test.nl';
const PASS = 'Watch-Geheim-Wachtwoord-7!';
const DAY = 86_400_000;

let b: ExtensionBrowser;
let dns: TestDns;
let app: App;
let http: ServerType;
let backendUrl: string;
let ext: Page;
const smtps: TestSmtp[] = [];
const logs: string[] = [];
/** Every request the backend got: path, body, time. */
const requests: { path: string; body: string; at: number }[] = [];

// One fixed port, forwarding to whichever SMTP server is "the server" now (a server change, as in life).
let upstream = 0;
let proxy: net.Server;
let proxyPort = 0;

beforeAll(async () => {
  // Two self-signed certificates, each its own issuer: different names, so the backend's trust store keeps them apart.
  const certGood = await makeCert(['smtp.test.nl', '127.0.0.1'], { to: new Date(Date.now() + 90 * DAY) });
  const certSoon = await makeCert(['soon.test.nl', '127.0.0.1'], { to: new Date(Date.now() + 10 * DAY) });
  smtps.push(await startSmtp({ cert: certGood }), await startSmtp({ cert: certSoon }), await startSmtp({ cert: certSoon, starttls: false }));
  upstream = smtps[0]!.port;
  proxy = net.createServer((client) => {
    const server = net.connect(upstream, '127.0.0.1');
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyPort = (proxy.address() as AddressInfo).port;

  dns = await startDns({ 'test.nl': { mx: [{ exchange: 'mx.test.nl', priority: 10 }], txt: ['v=spf1 ip4:127.0.0.0/8 -all'] }, 'mx.test.nl': { a: ['127.0.0.1'] } });
  // The test certificates are trusted through the backend's extra CA (PROBE_EXTRA_CA_FILE in production).
  app = createApp(makeConfig({ allowedCidrs: ['127.0.0.0/8'], extraPorts: [proxyPort], extraCa: [certGood.cert, certSoon.cert], dnsServers: [dns.server] }), {
    logStream: { write: (line: string) => void logs.push(line) },
    logLevel: 'debug',
  });
  http = serve({
    fetch: async (req: Request) => {
      requests.push({ path: new URL(req.url).pathname, body: await req.clone().text(), at: Date.now() });
      return app.fetch(req);
    },
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((r) => (http.listening ? r() : http.once('listening', () => r())));
  backendUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  b = await launchWithExtension();
  ext = await b.open('options.html');
  await ext.evaluate(
    async ({ url, port, user, pass }) => {
      await chrome.storage.local.set({ prefs: { lang: 'nl', backendUrl: url }, settings: { host: '127.0.0.1', port, encryption: 'tls', authMethod: 'password', username: user, mode: 'relay' }, wizard: {} });
      await chrome.storage.session.set({ password: pass });
    },
    { url: backendUrl, port: proxyPort, user: USER, pass: PASS },
  );
  await ext.reload();
});

afterAll(async () => {
  await b?.close();
  await new Promise((r) => http?.close(r));
  await app?.close();
  await dns?.close();
  await new Promise((r) => proxy?.close(r));
  for (const s of smtps) await s.close();
});

async function worker(): Promise<Worker> {
  return b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker'));
}
const badge = async () =>
  (await worker()).evaluate(async () => ({ text: await chrome.action.getBadgeText({}), color: (await chrome.action.getBadgeBackgroundColor({})).join(',') }));
const history = () => ext.evaluate(async () => ((await chrome.storage.local.get('watchState')).watchState?.history ?? []) as { at: number; backend: string; findings: { code: string; severity: string; variant?: string }[]; added: string[]; removed: string[] }[]);
const notices = () => ext.evaluate(async () => ((await chrome.storage.session.get('watchNotices')).watchNotices ?? []) as { code: string }[]);

/** Fires the alarm and waits for the check's result (the history grows by one). */
async function check(): Promise<Awaited<ReturnType<typeof history>>[number]> {
  const before = (await history()).length;
  const w = await worker();
  await w.evaluate(() => chrome.alarms.create('watch', { when: Date.now() }));
  await expect.poll(async () => (await history()).length, { timeout: 20_000 }).toBe(Math.min(before + 1, 10));
  return (await history()).at(-1)!;
}

const RED = '197,34,31,255';
const AMBER = '176,96,0,255';

describe('daily check of the saved configuration', () => {
  let optedInAt = 0;

  test('nothing runs without the opt-in: the alarm path does nothing, no request reaches the backend', async () => {
    // The alarm fires (the extension re-creates nothing: it stays off), yet nothing is checked.
    const w = await worker();
    await w.evaluate(() => chrome.alarms.create('watch', { when: Date.now() }));
    await expect.poll(() => w.evaluate(async () => (await chrome.alarms.get('watch')) === undefined), { timeout: 15_000 }).toBe(true);
    // The nav has two .nav-settings buttons since "Rapport openen" joined it: pick Instellingen by its name.
    await ext.getByRole('button', { name: 'Instellingen', exact: true }).click();
    const toggle = ext.locator('#watch-toggle');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    expect(await ext.locator('[data-watch]').getAttribute('data-watch')).toBe('off');
    // What is sent is said next to the switch.
    const explain = (await ext.locator('#watch-explain').textContent()) ?? '';
    expect(explain).toContain(backendUrl);
    expect(explain).toMatch(/hostnaam, poort en encryptie/);
    expect(explain).toMatch(/Nooit het wachtwoord/);
    expect(await history()).toEqual([]);
    expect((await badge()).text).toBe('');
    expect(await ext.evaluate(async () => (await chrome.storage.local.get('watchEnabled')).watchEnabled)).toBeUndefined();
    await b.screenshot(ext, 'watch-off');

    // Turning it on (the permissions are granted in the test build): the first check runs at once.
    optedInAt = Date.now();
    await toggle.click();
    await expect.poll(() => ext.locator('[data-watch]').getAttribute('data-watch')).toBe('on');
    await expect.poll(async () => (await history()).length, { timeout: 20_000 }).toBe(1);
    // Every request the backend ever got came after the opt-in.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.at >= optedInAt)).toBe(true);
    const first = (await history())[0]!;
    expect(first.backend).toBe('ok');
    expect(first.findings).toEqual([]);
    expect((await badge()).text).toBe('');
    expect(await notices()).toEqual([]);
    // The next check is scheduled about a day later.
    const next = await (await worker()).evaluate(async () => (await chrome.alarms.get('watch'))?.scheduledTime);
    expect(next).toBeGreaterThan(Date.now() + DAY - 60_000);
  });

  test('the certificate is about to expire: an amber badge, one notification, the popup shows it', async () => {
    upstream = smtps[1]!.port;
    const r = await check();
    expect(r.findings.map((f) => f.code)).toEqual(['cert-expires-soon']);
    expect(r.added).toEqual(['cert-expires-soon']);
    expect(await badge()).toEqual({ text: '1', color: AMBER });
    expect((await notices()).map((n) => n.code)).toEqual(['cert-expires-soon']);

    const popup = await b.open('popup.html');
    const section = popup.locator('[data-testid="watch-last"]');
    await section.waitFor();
    expect(await section.locator('[data-testid="watch-time"]').textContent()).toMatch(/^Laatste controle: .*\d/);
    expect(await section.locator('[data-finding="cert-expires-soon"]').textContent()).toMatch(/verloopt over (9|10) dagen/);
    await b.screenshot(popup, 'watch-popup-cert');
    await popup.close();

    // The next day, the same problem: a new check, but no second notification.
    const again = await check();
    expect(again.findings.map((f) => f.code)).toEqual(['cert-expires-soon']);
    expect(again.added).toEqual([]);
    expect((await notices()).map((n) => n.code)).toEqual(['cert-expires-soon']);
  });

  test('STARTTLS is taken away: a red badge, one more notification, the popup shows it', async () => {
    upstream = smtps[2]!.port;
    const r = await check();
    expect(r.findings.map((f) => [f.code, f.severity, f.variant])).toEqual([['starttls-not-offered', 'error', 'gone']]);
    expect(r.added).toEqual(['starttls-not-offered']);
    expect(r.removed).toEqual(['cert-expires-soon']);
    expect(await badge()).toEqual({ text: '1', color: RED });
    expect((await notices()).map((n) => n.code)).toEqual(['cert-expires-soon', 'starttls-not-offered']);

    const popup = await b.open('popup.html');
    const section = popup.locator('[data-testid="watch-last"]');
    await section.locator('[data-finding="starttls-not-offered"]').waitFor();
    expect(await section.locator('[data-finding="starttls-not-offered"]').textContent()).toContain('geen STARTTLS meer');
    expect(await section.locator('[data-finding]').count()).toBe(1);
    await b.screenshot(popup, 'watch-popup-starttls');
    await popup.close();
  });

  test('the backend is down: said once, not counted as a mail-server problem; the badge keeps the last known state', async () => {
    const up = backendUrl;
    const down = `http://127.0.0.1:${await closedPort()}`;
    await ext.evaluate((u) => chrome.storage.local.get('prefs').then(({ prefs }: any) => chrome.storage.local.set({ prefs: { ...prefs, backendUrl: u } })), down);
    const r = await check();
    expect(r.backend).toBe('unreachable');
    expect(r.findings.map((f) => f.code)).toEqual(['starttls-not-offered', 'watch-backend-unreachable']);
    expect(await badge()).toEqual({ text: '1', color: RED });
    expect((await notices()).map((n) => n.code)).toEqual(['cert-expires-soon', 'starttls-not-offered', 'watch-backend-unreachable']);
    await check();
    expect((await notices()).length).toBe(3);
    // Back up: the backend notice goes, the server problem stays known (no repeat).
    await ext.evaluate((u) => chrome.storage.local.get('prefs').then(({ prefs }: any) => chrome.storage.local.set({ prefs: { ...prefs, backendUrl: u } })), up);
    const back = await check();
    expect(back.backend).toBe('ok');
    expect(back.removed).toEqual(['watch-backend-unreachable']);
    expect((await notices()).length).toBe(3);
  });

  test('the options page keeps the results with what changed, and a notification link opens it at the finding', async () => {
    const page = await b.open('options.html#watch-starttls-not-offered');
    const target = page.locator('li#watch-starttls-not-offered');
    await target.waitFor();
    await expect.poll(() => target.getAttribute('class')).toContain('watch-target');
    const items = page.locator('[data-testid="watch-history"] [data-watch-result]');
    expect(await items.count()).toBe((await history()).length);
    expect(await page.locator('[data-added="cert-expires-soon"]').count()).toBe(1);
    expect(await page.locator('[data-added="starttls-not-offered"]').count()).toBe(1);
    expect(await page.locator('[data-removed="cert-expires-soon"]').count()).toBe(1);
    await b.screenshot(page, 'watch-history');
    await page.close();
  });

  test('no password leaves session storage', async () => {
    const probes = requests.filter((r) => r.path === '/v1/probe');
    expect(probes.length).toBeGreaterThanOrEqual(5);
    for (const r of requests) {
      expect(r.body).not.toContain(PASS);
      expect(r.body).not.toMatch(/"auth"|password/i);
    }
    expect(JSON.parse(probes[0]!.body)).toEqual({ host: '127.0.0.1', port: proxyPort, encryption: 'tls', mode: 'relay' });
    expect(requests.filter((r) => r.path === '/v1/discover').map((r) => JSON.parse(r.body))).toContainEqual({ domain: 'test.nl' });
    expect(logs.join('\n')).not.toContain(PASS);
    const local = await ext.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
    expect(local).not.toContain(PASS);
    expect(await ext.evaluate(async () => (await chrome.storage.session.get('password')).password)).toBe(PASS);
    // No SMTP server ever saw a login.
    for (const s of smtps) expect(s.authAttempts).toEqual([]);
  });

  test('turning it off stops the timer and clears the badge', async () => {
    await ext.locator('#watch-toggle').click();
    await expect.poll(() => ext.locator('[data-watch]').getAttribute('data-watch')).toBe('off');
    await expect.poll(async () => (await badge()).text).toBe('');
    await expect.poll(() => worker().then((w) => w.evaluate(async () => (await chrome.alarms.get('watch')) === undefined))).toBe(true);
    // The alarm path once more: it fires, and nothing is asked or stored.
    const n = requests.length;
    const checks = (await history()).length;
    const w = await worker();
    await w.evaluate(() => chrome.alarms.create('watch', { when: Date.now() }));
    await expect.poll(() => w.evaluate(async () => (await chrome.alarms.get('watch')) === undefined), { timeout: 15_000 }).toBe(true);
    expect(requests.length).toBe(n);
    expect((await history()).length).toBe(checks);
    expect((await badge()).text).toBe('');
  });
});
