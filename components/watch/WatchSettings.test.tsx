import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { WatchSettings } from './WatchSettings';

// The opt-in switch: the permission request is made inside the click (no await before it), only for the
// permissions the manifest lists as optional; a refusal leaves the check off and says why.

let requested: unknown[];
let grant: boolean;

beforeEach(() => {
  fakeBrowser.reset();
  requested = [];
  grant = true;
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'x', version: '1', optional_permissions: ['alarms', 'notifications'] } as never);
  (fakeBrowser as unknown as { permissions: unknown }).permissions = {
    request: vi.fn((p: unknown) => {
      requested.push(p);
      return Promise.resolve(grant);
    }),
  };
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const enabled = async () => (await fakeBrowser.storage.local.get('watchEnabled')).watchEnabled;

describe('WatchSettings', () => {
  test('off by default; says what is sent; the click asks for alarms and notifications at once', async () => {
    render(<WatchSettings backendUrl="https://backend.example.nl" />);
    const box = (await screen.findByRole('checkbox', { name: 'Controleer mijn instellingen dagelijks' })) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByText(/hostnaam, poort en encryptie/).textContent).toContain('https://backend.example.nl');
    fireEvent.click(box);
    // Synchronously inside the click handler, before anything was awaited.
    expect(requested).toEqual([{ permissions: ['alarms', 'notifications'] }]);
    await waitFor(async () => expect(await enabled()).toBe(true));
  });

  test('a refused permission keeps it off and says so', async () => {
    grant = false;
    render(<WatchSettings />);
    fireEvent.click(await screen.findByRole('checkbox'));
    await screen.findByText(/Zonder die toestemming/);
    expect(await enabled()).toBeUndefined();
  });

  test('turning it off needs no permission', async () => {
    await fakeBrowser.storage.local.set({ watchEnabled: true });
    render(<WatchSettings />);
    const box = (await screen.findByRole('checkbox')) as HTMLInputElement;
    await waitFor(() => expect(box.checked).toBe(true));
    fireEvent.click(box);
    await waitFor(async () => expect(await enabled()).toBe(false));
    expect(requested).toEqual([]);
  });
});
