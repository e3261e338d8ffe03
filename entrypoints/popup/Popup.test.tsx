import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { Popup } from './Popup';
import { describeTab } from './tab-info';

beforeEach(() => {
  fakeBrowser.reset();
  Object.defineProperty(navigator, 'language', { value: 'nl-NL', configurable: true });
});
afterEach(() => cleanup());

describe('popup', { timeout: 30_000 }, () => {
  test('a quick preset saves the draft and the status counts its findings', async () => {
    render(<Popup />);
    // The status is a lazy chunk; its first import may take a while on a busy machine.
    expect(await screen.findByText('Nog geen instellingen opgeslagen.', {}, { timeout: 15_000 })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Office 365' }));
    await waitFor(async () => expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ host: 'smtp.office365.com', port: 587, encryption: 'tls' }));
    // Every field the preset changed is named.
    const applied = await screen.findByTestId('preset-applied');
    await waitFor(() => expect(applied.textContent).toContain('Office 365 ingevuld: Hostnaam: smtp.office365.com; Poortnummer: 587; Encryptie: Gebruik TLS'));
    expect((await screen.findByTestId('active-preset')).textContent).toBe('Gekozen provider: Office 365');
  });

  test('Gmail changes the mode only out loud', async () => {
    await fakeBrowser.storage.local.set({ settings: { mode: 'relay' } });
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: 'Gmail' }));
    const applied = await screen.findByTestId('preset-applied');
    await waitFor(() => expect(applied.textContent).toContain('Werkwijze gewijzigd van "Mailserver doorsturen" naar "Mailbox verzenden"'));
  });

  test('the counts name the findings and link to the step that fixes them', async () => {
    await fakeBrowser.storage.local.set({ settings: { host: 'smtp.example.nl', port: 465, encryption: 'tls', authMethod: 'ip-whitelist', mode: 'relay' } });
    let opened = 0;
    fakeBrowser.runtime.openOptionsPage = async () => void opened++;
    const close = window.close;
    window.close = () => undefined;
    try {
      render(<Popup />);
      const list = await screen.findByTestId('config-findings');
      const error = list.querySelector('.finding-error')!;
      expect(error.textContent).toMatch(/Fout.+465/);
      fireEvent.click(error.querySelector('button')!);
      await waitFor(() => expect(opened).toBe(1));
      expect((await fakeBrowser.storage.local.get('wizard')).wizard).toMatchObject({ step: 'C' });
    } finally {
      window.close = close;
    }
  });

  test('shows the status of a saved configuration', async () => {
    await fakeBrowser.storage.local.set({ settings: { host: 'smtp.example.nl', port: 465, encryption: 'tls', authMethod: 'ip-whitelist', mode: 'relay' } });
    render(<Popup />);
    expect(await screen.findByText(/1 fout\(en\), 0 waarschuwing\(en\)/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open de wizard' })).toBeTruthy();
  });

  test('a saved server from an unverified preset says to check with the provider', async () => {
    await fakeBrowser.storage.local.set({ settings: { host: 'smtp.transip.email', port: 465, encryption: 'ssl', authMethod: 'password', username: 'a@b.nl', mode: 'relay' } });
    render(<Popup />);
    expect((await screen.findByTestId('unverified-preset')).textContent).toContain('TransIP');
  });
});

describe('tab info', () => {
  test('matches the CRM origin and test patterns', () => {
    expect(describeTab({ url: 'https://app.perfectview.nl/#/settings/mail' }, ['https://app.perfectview.nl/*'])?.isCrm).toBe(true);
    expect(describeTab({ url: 'https://app.perfectview.nl.evil.com/' }, ['https://app.perfectview.nl/*'])?.isCrm).toBe(false);
    expect(describeTab({ url: 'http://app.perfectview.nl/' }, ['https://app.perfectview.nl/*'])?.isCrm).toBe(false);
    expect(describeTab({ url: 'http://127.0.0.1:5173/crm.html' }, ['http://127.0.0.1/*'])?.isCrm).toBe(true);
  });
  test('names the page by its title', () => {
    expect(describeTab({ url: 'https://app.perfectview.nl/x', title: 'Eigen mailserver' }, ['https://app.perfectview.nl/*'])).toEqual({ isCrm: true, page: 'Eigen mailserver' });
    expect(describeTab({ url: 'https://example.nl/' }, ['https://app.perfectview.nl/*'])).toEqual({ isCrm: false });
    expect(describeTab(undefined, [])).toBeUndefined();
  });
});
