import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { ProbeReport } from '@/lib/api';
import type { BackendClient, BackendResult } from '@/components/backend-client';
import { App } from '../App';
import { BackendContext } from '../backend';

const PASSWORD = 'Geheim-Test-Wachtwoord-1';

const report = (over: Partial<ProbeReport> = {}): ProbeReport => ({
  ok: true,
  target: { host: 'smtp.example.nl', port: 587, address: '192.0.2.10', addresses: ['192.0.2.10'] },
  ms: 120,
  steps: [
    { step: 'resolve', status: 'ok', ms: 3 },
    { step: 'connect', status: 'ok', ms: 10 },
    { step: 'greeting', status: 'ok', ms: 20 },
    { step: 'ehlo', status: 'ok', ms: 5 },
    { step: 'tls', status: 'ok', ms: 30 },
    { step: 'ehlo', status: 'ok', ms: 5 },
    { step: 'auth', status: 'ok', ms: 40 },
    { step: 'quit', status: 'ok', ms: 2 },
  ],
  server: { extensions: ['STARTTLS', 'AUTH PLAIN'], authMechanisms: ['PLAIN'], startTls: true },
  detected: { portMode: 'starttls' },
  findings: [],
  ...over,
});

const fail = (status: number, code: string, extra: object = {}): BackendResult<never> => ({ ok: false, kind: 'http', status, code, message: `msg ${code}`, error: { code, message: `msg ${code}`, ...extra } });
const unreachable: BackendResult<never> = { ok: false, kind: 'unreachable', code: 'backend_unreachable', message: 'down' };

function fakeClient(): BackendClient & { [K in 'probe' | 'discover' | 'createValidation' | 'confirmValidation' | 'health']: ReturnType<typeof vi.fn> } {
  return {
    baseUrl: 'http://127.0.0.1:8787',
    health: vi.fn(async () => ({ ok: true, data: { ok: true, version: '0.1.0', store: 'memory' } })),
    probe: vi.fn(async () => ({ ok: true, data: report() })),
    discover: vi.fn(async () => unreachable),
    createValidation: vi.fn(async () => ({ ok: true, data: { id: 'val-1', expiresAt: new Date(Date.now() + 600_000).toISOString() } })),
    confirmValidation: vi.fn(async () => ({ ok: true, data: { validated: true, domain: 'example.nl' } })),
  } as never;
}

async function renderAt(step: 'C' | 'E', client: BackendClient, mode = 'relay') {
  await fakeBrowser.storage.local.set({
    settings: { host: 'smtp.example.nl', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@example.nl', mode },
    wizard: { step, validation: { domain: 'example.nl', from: 'jan@example.nl', to: 'piet@example.nl' } },
  });
  await fakeBrowser.storage.session.set({ password: PASSWORD });
  render(
    <BackendContext.Provider value={() => client}>
      <App />
    </BackendContext.Provider>,
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  Object.defineProperty(navigator, 'language', { value: 'nl-NL', configurable: true });
});
afterEach(() => cleanup());

describe('step E: Test nu', () => {
  test('probes with the full settings and shows every step and the verdict', async () => {
    const client = fakeClient();
    await renderAt('E', client);
    fireEvent.click(await screen.findByRole('button', { name: 'Test nu' }, { timeout: 5000 }));
    expect((await screen.findByTestId('verdict')).textContent).toContain('Gelukt');
    expect(client.probe).toHaveBeenCalledWith(
      { host: 'smtp.example.nl', port: 587, encryption: 'tls', auth: { method: 'password', username: 'crm@example.nl', password: PASSWORD }, mode: 'relay' },
      expect.anything(),
      expect.any(Function),
    );
    expect(screen.getByTestId('probe-steps').querySelectorAll('li')).toHaveLength(8);
    expect(document.body.innerHTML).not.toContain(PASSWORD);
  });

  test('shows progress while running, then applies the recommended encryption in one click and tests again', async () => {
    const client = fakeClient();
    let release!: () => void;
    let step!: (s: object) => void;
    client.probe.mockImplementationOnce(
      (_req: unknown, _signal: unknown, onStep: (s: object) => void) =>
        new Promise((r) => {
          step = onStep;
          release = () => r({ ok: true, data: report({ ok: false, detected: { portMode: 'implicit-tls', recommendedEncryption: 'ssl' }, steps: [{ step: 'greeting', status: 'fail', ms: 1000, code: 'ETIMEDOUT' }] }) });
        }),
    );
    await renderAt('E', client);
    fireEvent.click(await screen.findByRole('button', { name: 'Test nu' }, { timeout: 5000 }));
    expect((await screen.findByTestId('probe-running')).textContent).toContain('Bezig');
    expect(screen.getByRole('button', { name: 'Stoppen' })).toBeTruthy();
    // Live steps: each one as it arrives, with a spinner row for the step under way.
    const rows = () => [...screen.getByTestId('probe-steps').querySelectorAll('li')].map((li) => `${li.dataset.step}:${li.dataset.status}`);
    expect(rows().slice(0, 2)).toEqual(['resolve:running', 'connect:pending']);
    act(() => step({ step: 'resolve', status: 'ok', ms: 4, message: '192.0.2.7' }));
    act(() => step({ step: 'connect', status: 'ok', ms: 21 }));
    expect(rows().slice(0, 3)).toEqual(['resolve:ok', 'connect:ok', 'greeting:running']);
    expect(screen.getByTestId('probe-steps').textContent).toContain('192.0.2.7');
    expect(screen.queryByTestId('verdict')).toBeNull();
    release();
    expect((await screen.findByTestId('verdict')).getAttribute('data-verdict')).toBe('fail');
    fireEvent.click(screen.getByRole('button', { name: /Herstel: kies "Gebruik SSL"/ }));
    await waitFor(() => expect(client.probe).toHaveBeenCalledTimes(2));
    expect(client.probe.mock.calls[1]![0]).toMatchObject({ encryption: 'ssl' });
    await waitFor(async () => expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ encryption: 'ssl' }));
    expect((await screen.findByTestId('verdict')).getAttribute('data-verdict')).toBe('ok');
  });

  test('an unreachable backend says how to start it', async () => {
    const client = fakeClient();
    client.probe.mockResolvedValueOnce(unreachable);
    await renderAt('E', client);
    fireEvent.click(await screen.findByRole('button', { name: 'Test nu' }, { timeout: 5000 }));
    expect((await screen.findByTestId('backend-down')).textContent).toContain('npm start');
  });
});

describe('step E: validation code', () => {
  test('send → wrong code (attempts left) → right code → Domeinnaam, with the mailbox reminder', async () => {
    const client = fakeClient();
    client.confirmValidation.mockResolvedValueOnce(fail(400, 'code_mismatch', { attemptsLeft: 4 }));
    await renderAt('E', client, 'mailbox');
    fireEvent.click(await screen.findByRole('button', { name: 'E-mail validatiecode versturen' }));
    expect((await screen.findByTestId('code-sent')).textContent).toContain('piet@example.nl');
    expect(client.createValidation).toHaveBeenCalledWith({
      settings: { host: 'smtp.example.nl', port: 587, encryption: 'tls', auth: { method: 'password', username: 'crm@example.nl', password: PASSWORD }, mode: 'mailbox' },
      domain: 'example.nl',
      from: 'jan@example.nl',
      to: 'piet@example.nl',
      lang: 'nl',
    });
    // The pending validation survives leaving the step, in storage.session, never with the password.
    expect(JSON.stringify(await fakeBrowser.storage.session.get('validation'))).toContain('val-1');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(PASSWORD);

    const code = screen.getByLabelText('Validatiecode');
    fireEvent.input(code, { target: { value: 'abc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Valideer' }));
    expect((await screen.findByTestId('code-problem')).textContent).toContain('6 tekens');
    expect(client.confirmValidation).not.toHaveBeenCalled();

    fireEvent.input(code, { target: { value: 'abc 234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Valideer' }));
    await waitFor(() => expect(screen.getByTestId('code-problem').textContent).toContain('nog 4 keer'));
    expect(client.confirmValidation).toHaveBeenLastCalledWith('val-1', 'ABC234');

    fireEvent.input(code, { target: { value: 'XYZ789' } });
    fireEvent.click(screen.getByRole('button', { name: 'Valideer' }));
    expect((await screen.findByTestId('validated-domain')).textContent).toBe('example.nl');
    expect(screen.getByRole('columnheader', { name: 'Domeinnaam' })).toBeTruthy();
    expect(screen.getByTestId('validated').textContent).toContain('verzenden namens');
    expect(document.body.innerHTML).not.toContain(PASSWORD);
  });

  test.each([
    ['locked', 429, /geblokkeerd/],
    ['expired', 410, /verlopen/],
    ['already_used', 410, /al gebruikt/],
  ])('%s is explained and offers a new code', async (code, status, text) => {
    const client = fakeClient();
    client.confirmValidation.mockResolvedValueOnce(fail(status, code));
    await renderAt('E', client);
    fireEvent.click(await screen.findByRole('button', { name: 'E-mail validatiecode versturen' }));
    fireEvent.input(await screen.findByLabelText('Validatiecode'), { target: { value: 'ABC234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Valideer' }));
    expect((await screen.findByTestId('code-dead')).textContent).toMatch(text);
    expect(screen.getByRole('button', { name: 'Nieuwe code versturen' })).toBeTruthy();
    expect(await fakeBrowser.storage.session.get('validation')).toEqual({});
  });

  test('a send failure shows the findings from the server reply', async () => {
    const client = fakeClient();
    client.createValidation.mockResolvedValueOnce(fail(502, 'send_failed', { findings: [{ code: 'send-as-denied', severity: 'error' }] }));
    await renderAt('E', client, 'mailbox');
    fireEvent.click(await screen.findByRole('button', { name: 'E-mail validatiecode versturen' }));
    expect((await screen.findByTestId('send-failed')).textContent).toContain('msg send_failed');
    expect(document.querySelector('[data-finding="send-as-denied"]')?.textContent).toBeTruthy();
  });

  test('the send button waits for valid Domein / Van / Naar', async () => {
    const client = fakeClient();
    await renderAt('E', client);
    fireEvent.input(await screen.findByLabelText('Naar'), { target: { value: 'piet@elders.nl' } });
    await waitFor(() => expect((screen.getByRole('button', { name: 'E-mail validatiecode versturen' }) as HTMLButtonElement).disabled).toBe(true));
  });
});
