import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { AddressInfo, Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type App } from '../../server/app';
import { makeConfig } from '../../server/config';
import { startRaw } from '../../server/testing/smtp';
import { launchWithExtension, type ExtensionBrowser } from '../helpers/browser';
import { serveFixtures, type FixtureServer } from '../helpers/fixture-server';

declare const chrome: any;

// Live per-step progress, end to end: an SMTP server that does not greet until the test lets it, the real
// backend streaming NDJSON, and the extension (wizard "Test nu", panel "Controleren"). While the server is
// held, the steps done so far must already be on screen and no verdict: order and visibility, not timing.

let gate: { port: number; close(): Promise<void> };
let held: Socket[] = [];
let app: App;
let http: ServerType;
let backendUrl: string;
let b: ExtensionBrowser;
let srv: FixtureServer;
/** The backend's log lines (pino, JSON). */
const logs: string[] = [];

/** The CRM page with the panel's "Controleren" clicked, against the gate (settings stored first, through the popup page). */
async function panelCheckOnGate() {
  const ext = await b.open('popup.html');
  await setStorage(ext);
  await ext.close();
  const page = await b.context.newPage();
  await page.goto(srv.url(`smtp-a.html?host=127.0.0.1&port=${gate.port}&enc=none&auth=ip-whitelist`));
  const p = page.locator('mailserver-assistent[data-screen="smtp"]');
  await p.locator('[data-action="check"]').click();
  return { page, p };
}

/** Lets every held connection have its greeting; the session then goes on normally (EHLO, QUIT). */
const release = () => {
  for (const s of held) if (s.writable) s.write('220 gate.test.nl ESMTP\r\n');
  held = [];
};

beforeAll(async () => {
  gate = await startRaw((sock) => {
    held.push(sock);
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        if (/^EHLO/i.test(line)) sock.write('250-gate.test.nl\r\n250 8BITMIME\r\n');
        else if (/^QUIT/i.test(line)) sock.end('221 bye\r\n');
      }
    });
  });
  app = createApp(makeConfig({ allowedCidrs: ['127.0.0.0/8'], extraPorts: [gate.port], timeouts: { greeting: 30_000, overall: 40_000 } }), {
    logStream: { write: (line: string) => void logs.push(line) },
    logLevel: 'info',
  });
  http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (http.listening ? r() : http.once('listening', () => r())));
  backendUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  [b, srv] = await Promise.all([launchWithExtension({ locale: 'nl-NL' }), serveFixtures()]);
});

afterAll(async () => {
  release();
  await b?.close();
  await srv?.close();
  await new Promise((r) => http?.close(r));
  await app?.close();
  await gate?.close();
});

async function setStorage(page: Page) {
  await page.evaluate(
    async ({ url, port }) => {
      await chrome.storage.local.clear();
      await chrome.storage.session.clear();
      await chrome.storage.local.set({
        prefs: { lang: 'nl', backendUrl: url },
        settings: { host: '127.0.0.1', port, encryption: 'none', authMethod: 'ip-whitelist', mode: 'relay' },
        wizard: {},
      });
    },
    { url: backendUrl, port: gate.port },
  );
}

const rowsOf = (list: ReturnType<Page['locator']>, attr: string) => list.locator('li').evaluateAll((els, a) => els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute(a)}`), attr);

describe('live probe progress', () => {
  test('wizard step E: steps appear while the server is still silent, then the verdict', async () => {
    const page = await b.open('options.html');
    await setStorage(page);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('button').nth(4).click();
    await page.getByRole('button', { name: 'Test nu', exact: true }).click();

    const list = page.getByTestId('probe-steps');
    await list.locator('[data-step="connect"][data-status="ok"]').waitFor({ timeout: 10_000 });
    // The server has not greeted: resolve and connect are done, greeting is under way, no verdict yet.
    expect((await rowsOf(list, 'data-status')).slice(0, 3)).toEqual(['resolve:ok', 'connect:ok', 'greeting:running']);
    expect(await list.locator('[data-step="connect"]').textContent()).toMatch(/\d+ ms/);
    expect(await page.getByTestId('verdict').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Stoppen' }).isVisible()).toBe(true);
    await b.screenshot(page, 'probe-live-wizard-running');

    release();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict'), { timeout: 15_000 }).toBe('ok');
    expect(await rowsOf(list, 'data-status')).toEqual(['resolve:ok', 'connect:ok', 'greeting:ok', 'ehlo:ok', 'tls:skipped', 'auth:skipped', 'quit:ok']);
    expect(await list.locator('[data-step="greeting"]').textContent()).toContain('220 gate.test.nl ESMTP');
    await b.screenshot(page, 'probe-live-wizard-done');
    await page.close();
  });

  test('panel "Controleren": steps arrive over the port while the server is silent, then the verdict', async () => {
    const { page, p } = await panelCheckOnGate();

    const running = p.locator('[data-probe="running"] ol.steps');
    await running.locator('[data-step="connect"][data-step-status="ok"]').waitFor({ timeout: 10_000 });
    expect((await rowsOf(running, 'data-step-status')).slice(0, 3)).toEqual(['resolve:ok', 'connect:ok', 'greeting:running']);
    expect(await running.locator('[data-step="connect"]').textContent()).toMatch(/\d+ ms/);
    expect(await p.locator('[data-verdict]').count()).toBe(0);
    await b.screenshot(page, 'probe-live-panel-running');

    release();
    await expect.poll(() => p.locator('[data-verdict]').getAttribute('data-verdict'), { timeout: 15_000 }).toBe('ok');
    expect(await rowsOf(p.locator('[data-verdict] ol.steps'), 'data-step-status')).toEqual(['resolve:ok', 'connect:ok', 'greeting:ok', 'ehlo:ok', 'tls:skipped', 'auth:skipped', 'quit:ok']);
    await b.screenshot(page, 'probe-live-panel-done');
    await page.close();
  });
});

/** msa_probe_clients_gone_total from the backend's own GET /metrics. */
async function clientsGone(): Promise<number> {
  const text = await (await fetch(`${backendUrl}/metrics`)).text();
  const m = /^msa_probe_clients_gone_total (\d+)$/m.exec(text);
  if (!m) throw new Error('no msa_probe_clients_gone_total in /metrics');
  return Number(m[1]);
}

/** The "probe" log lines (one per finished probe) written since `from`. */
const probeLines = (from: number) =>
  logs
    .slice(from)
    .map((l) => JSON.parse(l) as { msg: string; clientGone?: boolean; steps?: string })
    .filter((l) => l.msg === 'probe');

/**
 * After the client left: the backend said so at once (log line and /metrics), while the server was still
 * silent. Then the server greets after all; the probe, whose client is gone, ends and its "probe" line says
 * clientGone. Its slot is free again (the next test's probe would be refused otherwise).
 */
async function expectClientGone(before: number, logsFrom: number) {
  await expect.poll(clientsGone, { timeout: 15_000 }).toBe(before + 1);
  const gone = logs.slice(logsFrom).map((l) => JSON.parse(l) as { msg: string; clientGone?: boolean; port?: number });
  expect(gone.filter((l) => l.msg === 'probe client gone')).toEqual([expect.objectContaining({ clientGone: true, port: gate.port })]);
  // The probe had not finished when the client left: the server never greeted.
  expect(probeLines(logsFrom)).toEqual([]);
  release();
  await expect.poll(() => probeLines(logsFrom), { timeout: 15_000 }).toEqual([expect.objectContaining({ clientGone: true })]);
}

describe('the client leaves during a streamed probe: the backend sees it', () => {
  // Each test starts with no probe running: whatever a failed test left held greets and ends.
  afterEach(async () => {
    release();
    await expect.poll(() => app.running(), { timeout: 15_000 }).toBe(0);
  });

  /** The wizard at step E with settings for the silent server, "Test nu" pressed, the greeting under way. */
  async function wizardRunning(): Promise<Page> {
    const page = await b.open('options.html');
    await setStorage(page);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('navigation').locator('button[data-step="E"]').click();
    await page.getByRole('button', { name: 'Test nu', exact: true }).click();
    await page.getByTestId('probe-steps').locator('[data-step="greeting"][data-status="running"]').waitFor({ timeout: 10_000 });
    return page;
  }

  test('wizard "Stoppen" while the server is silent: the wizard says stopped, the backend sees the client leave', async () => {
    const [before, from] = [await clientsGone(), logs.length];
    const page = await wizardRunning();
    await page.getByRole('button', { name: 'Stoppen', exact: true }).click();
    await expect.poll(() => page.getByTestId('e-test-region').getAttribute('data-phase')).toBe('stopped');
    expect(await page.getByTestId('e-test-region').textContent()).toContain('Test gestopt.');
    // The admin can test again: "Test nu" is back and enabled, "Stoppen" is gone.
    expect(await page.getByRole('button', { name: 'Test nu', exact: true }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Stoppen', exact: true }).count()).toBe(0);
    await expectClientGone(before, from);
    expect(await page.getByTestId('verdict').count()).toBe(0);
    await page.close();
  });

  test('the wizard page closed while the server is silent: the backend sees the client leave', async () => {
    const [before, from] = [await clientsGone(), logs.length];
    const page = await wizardRunning();
    await page.close();
    await expectClientGone(before, from);
  });

  test('the CRM tab closed during the panel\'s "Controleren": the backend sees the client leave', async () => {
    const [before, from] = [await clientsGone(), logs.length];
    const { page, p } = await panelCheckOnGate();
    await p.locator('[data-probe="running"] [data-step="greeting"][data-step-status="running"]').waitFor({ timeout: 10_000 });
    await page.close();
    await expectClientGone(before, from);
  });
});
