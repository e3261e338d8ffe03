import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { ProbeReport } from '@/lib/api';
import type { BackendClient, BackendResult } from '@/services/backend-client';
import { App } from './App';
import { BackendContext } from './backend';
import { summaryText } from './summary-text';
import { statusLines } from './summary-status';

// Issue 14 §2, §3, §4, §6, §8: the admin's journey through step E and the summary, with a fake backend client.

const PASSWORD = 'Geheim-Journey-Wachtwoord-7';

const report = (over: Partial<ProbeReport> = {}): ProbeReport => ({
  ok: true,
  target: { host: 'smtp.example.nl', port: 587, addresses: [] },
  ms: 50,
  steps: [{ step: 'resolve', status: 'ok', ms: 3 }],
  server: { extensions: [], authMechanisms: [], startTls: true },
  detected: { portMode: 'starttls' },
  findings: [],
  ...over,
});

function fakeClient() {
  return {
    baseUrl: 'http://127.0.0.1:8787',
    health: vi.fn(),
    probe: vi.fn(async (): Promise<BackendResult<ProbeReport>> => ({ ok: true, data: report() })),
    discover: vi.fn(),
    createValidation: vi.fn(async () => ({ ok: true, data: { id: 'v1', expiresAt: new Date(Date.now() + 600_000).toISOString() } })),
    confirmValidation: vi.fn(),
  };
}

async function renderAt(step: 'A' | 'C' | 'E' | 'summary', client: ReturnType<typeof fakeClient>, over: { host?: string; validation?: object; lang?: 'nl' | 'en' } = {}) {
  await fakeBrowser.storage.local.set({
    settings: { host: over.host ?? 'smtp.example.nl', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@example.nl', mode: 'relay' },
    wizard: { step, validation: over.validation ?? { domain: 'example.nl', from: 'jan', to: 'piet' } },
    prefs: over.lang ? { lang: over.lang } : {},
  });
  await fakeBrowser.storage.session.set({ password: PASSWORD });
  render(
    <BackendContext.Provider value={() => client as unknown as BackendClient}>
      <App />
    </BackendContext.Provider>,
  );
  // The lazily loaded step is there (the first import of its chunk may take a while on a busy machine).
  if (step === 'E') await screen.findByTestId('e-test-region', {}, { timeout: 15_000 });
}

beforeEach(() => {
  fakeBrowser.reset();
  Object.defineProperty(navigator, 'language', { value: 'nl-NL', configurable: true });
});
afterEach(() => cleanup());

const lookupFailed = (host: string) =>
  report({
    ok: false,
    target: { host, port: 587, addresses: [] },
    steps: [{ step: 'resolve', status: 'fail', ms: 12, code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND ${host}` }],
    findings: [{ code: 'dns-not-found', severity: 'error', field: 'host' }],
    detected: { portMode: 'unknown' },
  });

describe('§2 say who failed', { timeout: 30_000 }, () => {
  test('a preset host whose look-up failed: "we could not look it up", no spelling advice, the raw code only in the details', async () => {
    const client = fakeClient();
    client.probe.mockResolvedValueOnce({ ok: true, data: lookupFailed('smtp.office365.com') });
    await renderAt('E', client, { host: 'smtp.office365.com' });
    fireEvent.click(await screen.findByRole('button', { name: 'Test nu' }));
    const verdict = await screen.findByTestId('verdict');
    expect(verdict.dataset.outcome).toBe('unreachable');
    expect(verdict.textContent).toContain('niet bereiken of opzoeken');
    expect(verdict.textContent).not.toContain('ENOTFOUND');
    expect(screen.getByTestId('verdict-details').textContent).toContain('ENOTFOUND');
    expect(screen.getByTestId('e-test-region').textContent).not.toMatch(/spelling/i);
    expect(screen.getByTestId('preset-lookup').textContent).toContain('smtp.office365.com');
  });

  test('a typed host that does not exist keeps the spelling advice', async () => {
    const client = fakeClient();
    client.probe.mockResolvedValueOnce({ ok: true, data: lookupFailed('smtp.exampel.nl') });
    await renderAt('E', client, { host: 'smtp.exampel.nl' });
    fireEvent.click(await screen.findByRole('button', { name: 'Test nu' }));
    expect((await screen.findByTestId('verdict')).dataset.outcome).toBe('unreachable');
    expect(document.querySelector('[data-finding="dns-not-found"]')?.textContent).toMatch(/spelling/);
  });

  test('the server refused the login, and wrong settings, are told apart', async () => {
    const client = fakeClient();
    client.probe.mockResolvedValueOnce({
      ok: true,
      data: report({ ok: false, steps: [{ step: 'auth', status: 'fail', ms: 9, code: 'EAUTH', reply: '535 5.7.8 Authentication failed' }], findings: [{ code: 'auth-failed', severity: 'error', field: 'password' }] }),
    });
    client.probe.mockResolvedValueOnce({
      ok: true,
      data: report({
        ok: false,
        steps: [{ step: 'greeting', status: 'fail', ms: 1000, code: 'EIMPLICITTLS' }],
        detected: { portMode: 'implicit-tls', recommendedEncryption: 'ssl' },
        findings: [{ code: 'port-expects-ssl', severity: 'error', field: 'encryption', params: { port: 587 }, fix: { encryption: 'ssl' } }],
      }),
    });
    await renderAt('E', client);
    fireEvent.click(await screen.findByRole('button', { name: 'Test nu' }));
    const v1 = await screen.findByTestId('verdict');
    expect(v1.dataset.outcome).toBe('refused');
    expect(v1.textContent).toContain('weigerde bij "Inloggen"');
    fireEvent.click(screen.getByRole('button', { name: 'Test nu' }));
    await waitFor(() => expect(screen.getByTestId('verdict').dataset.outcome).toBe('settings'));
    expect(screen.getByTestId('verdict').textContent).toContain('instellingen kloppen niet');
  });

  test('a backend error is shown in the page language only, from the catalogue by its code', async () => {
    const client = fakeClient();
    const both = 'Te veel verzoeken. / Too many requests.';
    client.probe.mockResolvedValueOnce({ ok: false, kind: 'http', status: 429, code: 'rate_limited', message: both, error: { code: 'rate_limited', message: both, retryAfter: 30 } });
    await renderAt('E', client, { lang: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Test now' }));
    const err = await screen.findByTestId('probe-error');
    expect(err.textContent).toBe('Too many tests in a short time. Wait 30 seconds and try again.');
    expect(screen.getByTestId('e-test-region').textContent).not.toContain(' / ');
    expect(screen.getByTestId('probe-error-details').textContent).toContain('rate_limited');
  });
});

describe('§8 focus follows the result', { timeout: 30_000 }, () => {
  test('after "Test nu" and after a "Herstel" button, focus is on the announced result, never <body>', async () => {
    const client = fakeClient();
    client.probe.mockResolvedValueOnce({
      ok: true,
      data: report({
        ok: false,
        steps: [{ step: 'greeting', status: 'fail', ms: 1000, code: 'EIMPLICITTLS' }],
        detected: { portMode: 'implicit-tls', recommendedEncryption: 'ssl' },
        findings: [{ code: 'port-expects-ssl', severity: 'error', field: 'encryption', params: { port: 587 }, fix: { encryption: 'ssl' } }],
      }),
    });
    await renderAt('E', client);
    const button = await screen.findByRole('button', { name: 'Test nu' });
    button.focus();
    fireEvent.click(button);
    await screen.findByTestId('verdict');
    const region = screen.getByTestId('e-test-region');
    expect(region.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(region));
    const fix = screen.getByRole('button', { name: /Herstel: .*Gebruik SSL/ });
    fix.focus();
    fireEvent.click(fix);
    await waitFor(() => expect(screen.getByTestId('verdict').dataset.verdict).toBe('ok'));
    expect(document.activeElement).toBe(region);
    expect(document.activeElement).not.toBe(document.body);
  });
});

describe('§4 and §6: Domein, Van and Naar as the CRM asks for them, calm until touched', { timeout: 30_000 }, () => {
  test('Van "gebruiker1" is accepted, the domain is shown after the field and sent with it', async () => {
    const client = fakeClient();
    await renderAt('E', client, { validation: { domain: 'example.nl', from: 'gebruiker1', to: 'piet' } });
    expect((await screen.findByTestId('val-from-suffix')).textContent).toBe('@example.nl');
    fireEvent.blur(screen.getByLabelText('Van'));
    expect(document.querySelector('#val-from-findings [data-finding]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'E-mail validatiecode versturen' }));
    await screen.findByTestId('code-sent');
    expect(client.createValidation).toHaveBeenCalledWith(expect.objectContaining({ domain: 'example.nl', from: 'gebruiker1@example.nl', to: 'piet@example.nl' }));
  });

  test('no red "Fout" before the admin leaves a field; a real problem is named once touched', async () => {
    const client = fakeClient();
    await renderAt('E', client, { validation: {} });
    const from = await screen.findByLabelText('Van');
    fireEvent.input(from, { target: { value: 'jan de vries' } });
    expect(document.body.textContent).not.toContain('Fout');
    fireEvent.blur(from);
    expect((await screen.findByText(/Fout/)).closest('[data-finding]')?.getAttribute('data-finding')).toBe('address-invalid');
  });
});

describe('§3 the summary tells the truth', { timeout: 30_000 }, () => {
  test('after a failed test, a failed validation mail and an unticked step A', async () => {
    const client = fakeClient();
    client.probe.mockResolvedValueOnce({
      ok: true,
      data: report({ ok: false, steps: [{ step: 'auth', status: 'fail', ms: 9, code: 'EAUTH' }], findings: [{ code: 'auth-failed', severity: 'error', field: 'password' }] }),
    });
    client.createValidation.mockResolvedValueOnce({ ok: false, kind: 'http', status: 502, code: 'send_failed', message: 'x / y', error: { code: 'send_failed', message: 'x / y' } } as never);
    await renderAt('E', client);
    fireEvent.click(await screen.findByRole('button', { name: 'Test nu' }));
    await screen.findByTestId('verdict');
    fireEvent.click(screen.getByRole('button', { name: 'E-mail validatiecode versturen' }));
    await screen.findByTestId('send-failed');
    // The side navigation marks E failed and A as needing attention.
    const nav = (s: string) => document.querySelector<HTMLElement>(`.steps-nav [data-step="${s}"]`)!.dataset.mark;
    expect(nav('E')).toBe('failed');
    expect(nav('A')).toBe('attention');
    expect(nav('C')).toBe('done');
    fireEvent.click(screen.getByRole('button', { name: /Samenvatting/ }));
    const lead = await screen.findByTestId('summary-lead');
    expect(lead.dataset.ready).toBe('no');
    expect(lead.textContent).not.toContain('Vul dit precies zo in');
    const status = screen.getByTestId('summary-status').textContent!;
    expect(status).toContain('de server weigerde (EAUTH)');
    expect(status).toContain('versturen mislukt (send_failed)');
    expect(status).toContain('Stap A (Recht aanzetten): nog niet afgevinkt');
    expect(document.body.innerHTML).not.toContain(PASSWORD);
  });

  test('"Kopieer als tekst" includes the test result, never the password', () => {
    const state = {
      draft: { host: 'smtp.example.nl', port: 587, encryption: 'tls', authMethod: 'password', username: 'u', password: PASSWORD, mode: 'relay' },
      wizard: { rightDone: true },
      prefs: {},
      outcomes: { test: { kind: 'ok' as const, at: '2026-11-30T10:00:00Z', host: 'smtp.example.nl', port: 587, encryption: 'tls' }, mail: { result: 'validated' as const, at: '2026-11-30T10:05:00Z', domain: 'example.nl' } },
    };
    const text = summaryText(state.draft, state.wizard, 'nl', '1.2.3.0/24', statusLines(state, [], 'nl'));
    expect(text).toMatch(/Laatste test \(.*smtp\.example\.nl:587\): gelukt/);
    expect(text).toContain('gevalideerd voor example.nl');
    expect(text).not.toContain(PASSWORD);
  });
});

describe('§5 presets say what they change', { timeout: 30_000 }, () => {
  test('Gmail in step C: every changed field named, the mode change said, the active preset shown, the app-password advice shown', async () => {
    const client = fakeClient();
    await fakeBrowser.storage.local.set({ settings: { mode: 'relay' }, wizard: { step: 'C' } });
    render(
      <BackendContext.Provider value={() => client as unknown as BackendClient}>
        <App />
      </BackendContext.Provider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Gmail' }, { timeout: 15_000 }));
    const applied = await screen.findByTestId('preset-applied');
    await waitFor(() => expect(applied.textContent).toContain('Hostnaam: smtp.gmail.com; Poortnummer: 587; Encryptie: Gebruik TLS; Authenticatie:'));
    expect(applied.textContent).toContain('Werkwijze gewijzigd van "Mailserver doorsturen" naar "Mailbox verzenden"');
    expect((await screen.findByTestId('active-preset')).dataset.preset).toBe('gmail');
    expect(screen.getByRole('button', { name: 'Gmail' }).getAttribute('aria-pressed')).toBe('true');
    // No password typed yet, and still the app-password advice is there.
    expect(document.querySelector('[data-finding="gmail-app-password"]')?.textContent).toMatch(/app/i);
  });
});

describe('§6 a full address is kept', { timeout: 30_000 }, () => {
  test('Naar typed as a full address gets no second "@domein" after it', async () => {
    const client = fakeClient();
    await renderAt('E', client, { validation: { domain: 'example.nl', from: 'jan', to: 'piet@example.nl' } });
    expect(screen.getByTestId('val-from-suffix').textContent).toBe('@example.nl');
    expect(screen.queryByTestId('val-to-suffix')).toBeNull();
  });
});
