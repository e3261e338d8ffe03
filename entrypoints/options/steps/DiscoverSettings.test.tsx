import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import type { DiscoverResult } from '@/lib/api';
import type { BackendClient } from '@/services/backend-client';
import { App } from '../App';
import { BackendContext } from '../backend';

const result: DiscoverResult = {
  domain: { name: 'eigen-beheer.org', mx: ['mx1.eigen-beheer.org'], spf: 'v=spf1 mx -all' },
  candidates: [
    { settings: { host: 'submit.eigen-beheer.org', port: 465, encryption: 'ssl', authMethod: 'password', username: 'jan@eigen-beheer.org' }, source: 'srv', confidence: 'high' },
    { settings: { host: 'smtp.transip.email', port: 465, encryption: 'ssl', authMethod: 'password' }, source: 'mx', confidence: 'medium', provider: 'TransIP', presetId: 'transip' },
  ],
  findings: [{ code: 'dmarc-missing', severity: 'info', params: { domain: 'eigen-beheer.org' } }],
};

function client(discover: BackendClient['discover']): BackendClient {
  const no = async () => ({ ok: false as const, kind: 'unreachable' as const, code: 'backend_unreachable', message: '' });
  return { baseUrl: 'http://127.0.0.1:8787', health: no, probe: no, createValidation: no, confirmValidation: no, discover };
}

async function renderC(c: BackendClient) {
  await fakeBrowser.storage.local.set({ wizard: { step: 'C' } });
  render(
    <BackendContext.Provider value={() => c}>
      <App />
    </BackendContext.Provider>,
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  Object.defineProperty(navigator, 'language', { value: 'nl-NL', configurable: true });
});
afterEach(() => cleanup());

describe('step C: Zoek de instellingen bij uw e-mailadres', () => {
  test('shows candidates in plain words and the domain findings; a candidate fills the form', async () => {
    const discover = vi.fn(async () => ({ ok: true as const, data: result }));
    await renderC(client(discover));
    fireEvent.input(await screen.findByLabelText('E-mailadres of domein'), { target: { value: 'jan@eigen-beheer.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zoek instellingen' }));
    const first = await screen.findByRole('button', { name: /submit\.eigen-beheer\.org:465/ });
    expect(discover).toHaveBeenCalledWith({ email: 'jan@eigen-beheer.org' });
    expect(first.textContent).toContain('opgegeven in DNS (SRV-record), zeer waarschijnlijk');
    expect(within(screen.getByTestId('discover-candidates')).getByRole('button', { name: /TransIP/ }).parentElement?.textContent).toContain('Controleer ze bij uw provider');
    expect(document.querySelector('[data-finding="dmarc-missing"]')?.textContent).toContain('_dmarc.eigen-beheer.org');
    expect(screen.getByTestId('discover-dns').textContent).toContain('v=spf1 mx -all');

    fireEvent.click(first);
    await waitFor(() => expect((screen.getByLabelText('Hostnaam') as HTMLInputElement).value).toBe('submit.eigen-beheer.org'));
    expect((screen.getByLabelText('Poortnummer') as HTMLInputElement).value).toBe('465');
    expect((screen.getByRole('radio', { name: 'Gebruik SSL' }) as HTMLInputElement).checked).toBe(true);
    await waitFor(async () => expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ username: 'jan@eigen-beheer.org', authMethod: 'password' }));
  });

  test('an unverified preset in the form gets the "check with your provider" note', async () => {
    const discover = vi.fn(async () => ({ ok: true as const, data: result }));
    await renderC(client(discover));
    fireEvent.input(await screen.findByLabelText('E-mailadres of domein'), { target: { value: 'eigen-beheer.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zoek instellingen' }));
    fireEvent.click(within(await screen.findByTestId('discover-candidates')).getByRole('button', { name: /TransIP/ }));
    expect(discover).toHaveBeenCalledWith({ domain: 'eigen-beheer.org' });
    expect((await screen.findByTestId('unverified-preset')).textContent).toContain('TransIP');
  });

  test('an unreachable backend gets the same message as step E', async () => {
    await renderC(client(async () => ({ ok: false, kind: 'unreachable', code: 'backend_unreachable', message: '' })));
    fireEvent.input(await screen.findByLabelText('E-mailadres of domein'), { target: { value: 'a@b.nl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zoek instellingen' }));
    expect((await screen.findByTestId('backend-down')).textContent).toContain('npm start');
  });
});
