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

describe('popup', () => {
  test('a quick preset saves the draft and the status counts its findings', async () => {
    render(<Popup />);
    expect(await screen.findByText('Nog geen instellingen opgeslagen.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Office 365' }));
    await waitFor(async () => expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ host: 'smtp.office365.com', port: 587, encryption: 'tls' }));
    expect(await screen.findByText(/Instellingen van Office 365 ingevuld/)).toBeTruthy();
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
