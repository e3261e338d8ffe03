import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { App } from './App';

beforeEach(() => {
  fakeBrowser.reset();
  // happy-dom says en-US; the product's default audience is Dutch.
  Object.defineProperty(navigator, 'language', { value: 'nl-NL', configurable: true });
});
afterEach(() => cleanup());

async function openStep(name: RegExp) {
  const nav = await screen.findByRole('navigation');
  fireEvent.click(Array.from(nav.querySelectorAll('button')).find((b) => name.test(b.textContent ?? ''))!);
}

describe('options wizard', () => {
  test('starts at step A in Dutch and remembers the step in storage.local', async () => {
    render(<App />);
    expect(await screen.findByRole('heading', { level: 2, name: /Recht aanzetten/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Volgende/ }));
    expect(await screen.findByRole('heading', { level: 2, name: /Werkwijze/ })).toBeTruthy();
    await waitFor(async () => expect((await fakeBrowser.storage.local.get('wizard')).wizard).toMatchObject({ step: 'B' }));
  });

  test('step C: a preset fills the form; Gmail on port 465 + "Gebruik TLS" offers one fix, back to the recommended 587', async () => {
    render(<App />);
    await openStep(/Server/);
    fireEvent.click(await screen.findByRole('button', { name: 'Gmail' }));
    expect((screen.getByLabelText('Hostnaam') as HTMLInputElement).value).toBe('smtp.gmail.com');
    expect((screen.getByRole('radio', { name: 'Gebruik TLS' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.input(screen.getByLabelText('Poortnummer'), { target: { value: '465' } });
    const fix = await screen.findByRole('button', { name: /Herstel: Poortnummer 587$/ });
    expect(fix.closest('[data-finding]')?.getAttribute('data-finding')).toBe('port-encryption-mismatch');
    expect(screen.queryAllByRole('button', { name: /Herstel:/ })).toHaveLength(1);
    fireEvent.click(fix);
    await waitFor(() => expect((screen.getByLabelText('Poortnummer') as HTMLInputElement).value).toBe('587'));
    expect((screen.getByRole('radio', { name: 'Gebruik TLS' }) as HTMLInputElement).checked).toBe(true);
    expect(document.querySelector('[data-finding="port-encryption-mismatch"]')).toBeNull();
  });

  test('step D: the password goes to storage.session, never to storage.local', async () => {
    await fakeBrowser.storage.local.set({ wizard: { step: 'D' } });
    render(<App />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Gebruikersnaam en wachtwoord' }));
    fireEvent.input(await screen.findByLabelText('Gebruikersnaam'), { target: { value: 'svc@example.nl' } });
    const pw = screen.getByLabelText('Wachtwoord') as HTMLInputElement;
    expect(pw.type).toBe('password');
    fireEvent.input(pw, { target: { value: 's3cret!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Wachtwoord tonen' }));
    expect(pw.type).toBe('text');
    await waitFor(async () => expect(await fakeBrowser.storage.session.get('password')).toEqual({ password: 's3cret!' }));
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('s3cret!');
  });

  test('English when the language preference says so, and <html lang> follows', async () => {
    await fakeBrowser.storage.local.set({ prefs: { lang: 'en' } });
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Set up your own mail server' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
  });

  test('Instellingen refuses a non-loopback http backend', async () => {
    render(<App />);
    await openStep(/Instellingen/);
    const input = await screen.findByLabelText('Adres van de achtergronddienst');
    fireEvent.input(input, { target: { value: 'http://backend.example.nl' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Opslaan' })[0]!);
    expect(await screen.findByText(/moet met https:\/\/ beginnen/, { selector: '#set-backend-problem' })).toBeTruthy();
    const { prefs } = (await fakeBrowser.storage.local.get('prefs')) as { prefs?: { backendUrl?: string } };
    expect(prefs?.backendUrl).toBeUndefined();
  });
});
