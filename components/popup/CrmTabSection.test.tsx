import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { CrmTabSection } from './CrmTabSection';
import { createPageRouter } from '@/background/page-router';
import { loadDraft, loadLocal } from '@/services/settings-store';
import type { ReadResponse, StatusResponse } from '@/messaging/messages';

const PASSWORD = 'Geheim-wachtwoord-123!';
const CRM_URL = 'https://app.perfectview.nl/#/instellingen/eigen-mailserver';
const STATUS: StatusResponse = { screen: 'smtp', smtpForm: true, validationDialog: false, origin: 'https://app.perfectview.nl' };

/** What the content script answers to crm/read: the form's values and the password's state; the background builds findings and report. */
function readResponse(): ReadResponse {
  const values = { host: 'smtp.gmail.com', port: '465', encryption: 'tls', authMethod: 'password', username: 'ik@gmail.com' };
  return { status: STATUS, values, password: 'other', url: CRM_URL };
}

let sent: { tabId: number; msg: { type: string; draft?: Record<string, unknown>; origin?: string }; options: unknown }[];
let answer: (msg: { type: string }) => unknown;

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  Object.defineProperty(navigator, 'language', { value: 'nl-NL', configurable: true });
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'x', version: '1', content_scripts: [{ matches: ['https://app.perfectview.nl/*'], js: [] }] } as never);
  // The popup asks the background (background/page-router.ts), which talks to the tab's top frame.
  const routePage = createPageRouter({
    runtimeId: 'test-id',
    extensionOrigin: 'chrome-extension://test-id/',
    crmMatches: ['https://app.perfectview.nl/*'],
    loadDraft,
    loadLocal,
    currentTabUrl: async () => tabUrl,
    browserLang: 'nl-NL',
    sendToTab: async (tabId, msg) => {
      sent.push({ tabId, msg: msg as never, options: { frameId: 0 } });
      return answer(msg as { type: string });
    },
  });
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(((msg: unknown) => routePage(msg, { id: 'test-id', url: 'chrome-extension://test-id/popup.html' })) as never);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

let tabUrl = '';
const activeTab = (url: string) => {
  tabUrl = url;
  return vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, url, active: true } as never]);
};

describe('the popup section for the CRM tab', () => {
  test('not a CRM tab: nothing shown, nothing sent to any tab', async () => {
    const query = activeTab('https://app.perfectview.nl.evil.example/');
    answer = () => STATUS;
    const { container } = render(<CrmTabSection />);
    await waitFor(() => expect(query).toHaveBeenCalled());
    // Wait for the section to have settled on "not the CRM", then check it shows and sent nothing.
    await waitFor(() => expect(container.querySelector('[data-crm-tab="not-crm"]')).not.toBeNull());
    expect(container.textContent).toBe('');
    expect(screen.queryByRole('button')).toBeNull();
    expect(sent).toEqual([]);
  });

  test('a CRM tab whose page does not answer says to reload it', async () => {
    activeTab(CRM_URL);
    answer = () => undefined;
    render(<CrmTabSection />);
    expect(await screen.findByText('De pagina antwoordt niet; herlaad het tabblad.')).toBeTruthy();
  });

  test('SMTP form open: "Invullen op deze pagina" fills with the wizard\'s settings and the session password, top frame only', async () => {
    await fakeBrowser.storage.local.set({ settings: { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', mode: 'mailbox' } });
    await fakeBrowser.storage.session.set({ password: PASSWORD });
    activeTab(CRM_URL);
    answer = (m) => (m.type === 'crm/status' ? STATUS : m.type === 'crm/apply-fill' ? { ok: true, filled: ['host', 'port', 'encryption', 'authMethod', 'username', 'password'], skipped: [] } : undefined);
    render(<CrmTabSection />);
    const fillSection = await screen.findByRole('region', { name: 'Invullen op deze pagina' });
    // Nothing is sent with the password before the click.
    expect(sent.map((s) => s.msg.type)).toEqual(['crm/status']);
    fireEvent.click(within(fillSection).getByRole('button', { name: 'Invullen' }));
    await waitFor(() => expect(within(fillSection).getByRole('status').textContent).toContain('Ingevuld: Hostnaam, Poortnummer, Encryptie, Authenticatie, Gebruikersnaam, Wachtwoord.'));
    const fill = sent.find((s) => s.msg.type === 'crm/apply-fill')!;
    expect(fill.tabId).toBe(7);
    expect(fill.options).toEqual({ frameId: 0 });
    expect(fill.msg.origin).toBe('https://app.perfectview.nl');
    expect(fill.msg.draft).toMatchObject({ host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', password: PASSWORD });
  });

  test('a field the page would not take is named in the CRM\'s words, with the reason', async () => {
    await fakeBrowser.storage.local.set({ settings: { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'crm@bedrijf.nl', mode: 'mailbox' } });
    activeTab(CRM_URL);
    answer = (m) => (m.type === 'crm/status' ? STATUS : m.type === 'crm/apply-fill' ? { ok: true, filled: ['host', 'encryption'], skipped: [{ field: 'port', reason: 'readonly' }] } : undefined);
    render(<CrmTabSection />);
    const fillSection = await screen.findByRole('region', { name: 'Invullen op deze pagina' });
    fireEvent.click(within(fillSection).getByRole('button', { name: 'Invullen' }));
    await waitFor(() => expect(within(fillSection).getByRole('status').textContent).toBe('Ingevuld: Hostnaam, Encryptie. Niet ingevuld: Poortnummer (alleen-lezen).'));
  });

  test('"Invullen" with nothing saved says so', async () => {
    activeTab(CRM_URL);
    answer = (m) => (m.type === 'crm/status' ? STATUS : undefined);
    render(<CrmTabSection />);
    const fillSection = await screen.findByRole('region', { name: 'Invullen op deze pagina' });
    fireEvent.click(within(fillSection).getByRole('button', { name: 'Invullen' }));
    await waitFor(() => expect(within(fillSection).getByRole('status').textContent).toMatch(/Nog niets om in te vullen/));
    expect(sent.some((s) => s.msg.type === 'crm/apply-fill')).toBe(false);
  });

  test('"Controleer deze pagina": the findings with their texts and a copyable report without the password', async () => {
    await fakeBrowser.storage.session.set({ password: PASSWORD });
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    activeTab(CRM_URL);
    answer = (m) => (m.type === 'crm/status' ? STATUS : m.type === 'crm/read' ? readResponse() : undefined);
    render(<CrmTabSection />);
    const checkSection = await screen.findByRole('region', { name: 'Controleer deze pagina' });
    fireEvent.click(within(checkSection).getByRole('button', { name: 'Controleer deze pagina' }));

    const items = await within(checkSection).findAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-finding'))).toContain('port-encryption-mismatch');
    expect(items[0]!.getAttribute('data-finding')).toBe('port-encryption-mismatch');
    expect(items[0]!.textContent).toContain('Fout:');
    expect(items[0]!.textContent).toContain('kies "Gebruik SSL"');

    const report = within(checkSection).getByRole('textbox', { name: 'Rapport kopiëren' }) as HTMLTextAreaElement;
    expect(report.readOnly).toBe(true);
    expect(report.value).toContain('Hostnaam: smtp.gmail.com');
    expect(report.value).toContain('Encryptie: Gebruik TLS');
    expect(report.value).toContain('Wachtwoord: (ingevuld, niet opgenomen)');
    expect(report.value).toContain('port-encryption-mismatch');
    expect(report.value).not.toContain(PASSWORD);
    expect(document.body.innerHTML).not.toContain(PASSWORD);

    fireEvent.click(within(checkSection).getByRole('button', { name: 'Rapport kopiëren' }));
    await within(checkSection).findByRole('button', { name: 'Gekopieerd.' });
    expect(writeText).toHaveBeenCalledWith(report.value);
  });

  test('Rechten page: says whether the right is on, no fill or check', async () => {
    activeTab(CRM_URL);
    answer = () => ({ screen: 'rights', smtpForm: false, validationDialog: false, right: 'off', origin: 'https://app.perfectview.nl' });
    render(<CrmTabSection />);
    expect(await screen.findByText(/"Eigen mailserver" staat uit/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Invullen' })).toBeNull();
  });
});
