import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import type { DiscoverResult, ProbeReport } from '@/lib/api';
import { FINDING_CODES } from '@/lib/findings';
import { translator } from '@/lib/i18n';
import { panelMessages } from '@/lib/i18n/panel';
import { buildReport, type ReportInput } from '@/lib/report/text-report';
import type { BackendClient } from '@/services/backend-client';
import { App } from '../App';
import { BackendContext } from '../backend';

// The customer's form: port 465 with "Gebruik TLS" (today's rules: port-encryption-mismatch), and a finding
// the customer saw that today's rules no longer give for these values (ssl-legacy): a difference to mark.
const input: ReportInput = {
  url: 'https://app.perfectview.nl/settings',
  time: new Date('2026-11-30T20:00:00Z'),
  values: { host: 'mail.klant.nl', port: '465', encryption: 'tls', authMethod: 'password', username: 'crm@klant.nl', mode: 'relay' },
  passwordFilled: true,
  findings: [
    { code: 'port-encryption-mismatch', severity: 'error', text: 'Poort 465 verwacht SSL vanaf de eerste byte: kies "Gebruik SSL".' },
    { code: 'ssl-legacy', severity: 'info', text: '"Gebruik SSL" werkt, maar is de oudere manier.' },
  ],
  probe: 'FAIL mail.klant.nl:465 (5012 ms) | resolve ok 2 ms, connect ok 5 ms, greeting fail 5000 ms ETIMEDOUT | port: implicit-tls -> ssl | greeting-timeout',
};
const REPORT = buildReport(input, translator(panelMessages, 'nl'));

const probeReport: ProbeReport = {
  ok: false,
  target: { host: 'mail.klant.nl', port: 465, address: '203.0.113.7', addresses: ['203.0.113.7'] },
  ms: 1300,
  steps: [
    { step: 'resolve', status: 'ok', ms: 2 },
    { step: 'connect', status: 'ok', ms: 5 },
    { step: 'tls', status: 'ok', ms: 40 },
    { step: 'greeting', status: 'ok', ms: 3 },
    { step: 'ehlo', status: 'ok', ms: 3 },
    { step: 'quit', status: 'ok', ms: 1 },
  ],
  server: { extensions: ['AUTH PLAIN'], authMechanisms: ['PLAIN'], startTls: false },
  tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT', hostnameMatches: true, certificate: { subject: 'CN=mail.klant.nl', issuer: 'CN=mail.klant.nl', validFrom: 'x', validTo: 'Dec 1 2027', altNames: ['mail.klant.nl'] } },
  detected: { portMode: 'implicit-tls', recommendedEncryption: 'ssl' },
  findings: [
    { code: 'port-expects-ssl', severity: 'error', field: 'encryption', params: { port: 465 }, fix: { encryption: 'ssl' } },
    { code: 'cert-self-signed', severity: 'error' },
  ],
};
const discoverResult: DiscoverResult = {
  domain: { name: 'klant.nl', mx: ['mx.klant.nl'] },
  candidates: [],
  findings: [{ code: 'spf-missing', severity: 'warning', field: 'domain', params: { domain: 'klant.nl' } }],
};

function fakeClient(over: Partial<BackendClient> = {}) {
  const no = async () => ({ ok: false as const, kind: 'unreachable' as const, code: 'backend_unreachable', message: 'down' });
  return {
    baseUrl: 'http://127.0.0.1:8787',
    health: vi.fn(no),
    createValidation: vi.fn(no),
    confirmValidation: vi.fn(no),
    probe: vi.fn(async (_req: unknown, _signal?: AbortSignal, onStep?: (s: ProbeReport['steps'][number]) => void) => {
      for (const s of probeReport.steps) onStep?.(s);
      return { ok: true as const, data: probeReport };
    }),
    discover: vi.fn(async () => ({ ok: true as const, data: discoverResult })),
    ...over,
  } satisfies BackendClient;
}

async function openSection(c: BackendClient) {
  render(
    <BackendContext.Provider value={() => c}>
      <App />
    </BackendContext.Provider>,
  );
  const nav = await screen.findByRole('navigation');
  fireEvent.click(within(nav).getByRole('button', { name: /Rapport openen/ }));
  // The section is a lazily loaded chunk: the first load in a test run takes a while.
  return screen.findByLabelText('Rapport of mail van de klant', {}, { timeout: 10_000 });
}
const paste = async (text: string) => {
  fireEvent.input(await screen.findByLabelText('Rapport of mail van de klant'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Openen' }));
};
const storage = async () => JSON.stringify([await fakeBrowser.storage.local.get(null), await fakeBrowser.storage.session.get(null)]);

beforeEach(() => {
  fakeBrowser.reset();
  Object.defineProperty(navigator, 'language', { value: 'nl-NL', configurable: true });
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('Rapport openen', () => {
  test('a quoted mail with the report: values in the CRM words, findings then and now with the difference marked', async () => {
    const c = fakeClient();
    await openSection(c);
    await fakeBrowser.storage.local.set({ prefs: { lang: 'nl' } });
    const before = await storage();
    await paste(`Beste support,\r\n\r\n${REPORT.split('\n').map((l) => `> ${l}`).join('\r\n')}\r\n\r\n-- \r\nJan`);

    const values = await screen.findByTestId('report-values');
    expect(values.querySelector('[data-field="host"]')?.textContent).toBe('mail.klant.nl');
    expect(values.querySelector('[data-field="port"]')?.textContent).toBe('465');
    expect(values.querySelector('[data-field="encryption"]')?.textContent).toBe('Gebruik TLS');
    expect(values.querySelector('[data-field="authMethod"]')?.textContent).toBe('Gebruikersnaam en wachtwoord');
    expect(values.querySelector('[data-field="password"]')?.textContent).toContain('ingevuld');
    expect(values.textContent).toContain('Hostnaam');

    const table = screen.getByTestId('finding-table');
    expect(table.querySelector('[data-finding="port-encryption-mismatch"]')?.getAttribute('data-diff')).toBe('same');
    const gone = table.querySelector('[data-finding="ssl-legacy"]')!;
    expect(gone.getAttribute('data-diff')).toBe('gone');
    expect(gone.textContent).toContain('niet meer volgens de regels van nu');
    expect(screen.getByTestId('diff-summary').getAttribute('data-diffs')).toBe(String(table.querySelectorAll('tr[data-diff]:not([data-diff="same"]):not([data-diff="password"])').length));

    expect(screen.getByTestId('customer-probe').getAttribute('data-verdict')).toBe('fail');
    expect(screen.getByTestId('customer-probe').textContent).toContain('ETIMEDOUT');

    // Opening stored nothing and sent nothing.
    expect(await storage()).toBe(before);
    expect(c.probe).not.toHaveBeenCalled();
    expect(c.discover).not.toHaveBeenCalled();
  });

  test('"Opnieuw controleren": probe without a password, discovery on the domain, and what fails from outside', async () => {
    const c = fakeClient();
    await openSection(c);
    await paste(REPORT);
    expect((await screen.findByLabelText('Maildomein van de klant') as HTMLInputElement).value).toBe('klant.nl');
    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw controleren' }));
    const checks = await screen.findByTestId('outside-checks');
    expect(c.probe).toHaveBeenCalledTimes(1);
    const req = vi.mocked(c.probe).mock.calls[0]![0] as Record<string, unknown>;
    expect(req).toEqual({ host: 'mail.klant.nl', port: 465, encryption: 'tls', mode: 'relay' });
    expect(JSON.stringify(req)).not.toMatch(/password/);
    expect(c.discover).toHaveBeenCalledWith({ domain: 'klant.nl' });

    const state = (id: string) => checks.querySelector(`[data-check="${id}"]`)?.getAttribute('data-state');
    expect(state('connect')).toBe('ok');
    expect(state('tls')).toBe('ok');
    expect(state('cert')).toBe('fail');
    expect(checks.querySelector('[data-check="cert"]')?.textContent).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(state('port')).toBe('fail');
    expect(checks.querySelector('[data-check="port"]')?.textContent).toContain('kies "Gebruik SSL" in plaats van "Gebruik TLS"');
    expect(state('mx')).toBe('ok');
    expect(state('spf')).toBe('warn');

    // The answer now uses the test: encryption to change, the certificate and SPF as well; no internal codes.
    const answer = screen.getByTestId('answer').textContent!;
    expect(answer).toContain('Encryptie: kies "Gebruik SSL" (nu: "Gebruik TLS").');
    expect(answer).toContain('Applicatie instellingen › Eigen mailserver');
    expect(answer).toContain('Valideren');
    expect(answer).toContain('Bij uw domein klant.nl:');
    expect(answer).toContain('mail.klant.nl');
    for (const code of FINDING_CODES.filter((x) => x.includes('-'))) expect(answer).not.toContain(code);
  });

  test('"Antwoord kopiëren" copies the answer; English on request', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await openSection(fakeClient());
    await paste(REPORT);
    fireEvent.click(await screen.findByRole('radio', { name: 'Engels' }));
    await waitFor(() => expect(screen.getByTestId('answer').textContent).toContain('Encryptie (encryption): choose "Gebruik SSL" (now: "Gebruik TLS").'));
    fireEvent.click(screen.getByRole('button', { name: 'Antwoord kopiëren' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(screen.getByTestId('answer').textContent));
    expect(await screen.findByText('Antwoord gekopieerd naar het klembord.')).toBeTruthy();
  });

  test('the backend down: a clear message, the rest stays', async () => {
    const down = async () => ({ ok: false as const, kind: 'unreachable' as const, code: 'backend_unreachable', message: 'x' });
    await openSection(fakeClient({ probe: vi.fn(down), discover: vi.fn(down) }));
    await paste(REPORT);
    fireEvent.click(await screen.findByRole('button', { name: 'Opnieuw controleren' }));
    expect((await screen.findByTestId('backend-down')).textContent).toContain('http://127.0.0.1:8787');
    expect(screen.getByTestId('answer').textContent).toContain('Encryptie: kies "Gebruik SSL"');
  });

  test.each([
    ['tampered', REPORT.replace(/\n([A-Za-z0-9+/])([A-Za-z0-9+/]{63})\n/, (_, a: string, b: string) => `\n${a === 'A' ? 'B' : 'A'}${b}\n`), 'damaged', 'de controlesom klopt niet'],
    ['truncated', REPORT.slice(0, REPORT.indexOf('-----END')), 'truncated', 'Het rapport is onvolledig: het einde'],
    ['foreign', 'Hallo, de mail doet het niet. Groet, Jan', 'foreign', 'Dit is geen rapport van de Mailserver Assistent'],
  ])('%s text: a clear message, nothing shown or pre-filled, nothing sent', async (_, text, kind, message) => {
    const c = fakeClient();
    await openSection(c);
    await paste(text);
    const problem = await screen.findByTestId('report-problem');
    expect(problem.getAttribute('data-problem')).toBe(kind);
    expect(problem.textContent).toContain(message);
    expect(screen.queryByTestId('report-opened')).toBeNull();
    expect(screen.queryByLabelText('Maildomein van de klant')).toBeNull();
    expect(c.probe).not.toHaveBeenCalled();
  });

  test('a report dropped as a file opens; a good report after a bad one replaces the message', async () => {
    await openSection(fakeClient());
    await paste('iets anders');
    expect(await screen.findByTestId('report-problem')).toBeTruthy();
    const file = new File([REPORT], 'rapport.txt', { type: 'text/plain' });
    // happy-dom's drag events do not carry a DataTransfer: an Event with one, as the browser sends it.
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file], types: ['Files'] } });
    fireEvent(screen.getByLabelText('Rapport of mail van de klant'), drop);
    expect(drop.defaultPrevented).toBe(true);
    await screen.findByTestId('report-values');
    expect(screen.queryByTestId('report-problem')).toBeNull();
    expect((screen.getByLabelText('Rapport of mail van de klant') as HTMLTextAreaElement).value).toBe(REPORT);
  });

  test('options.html#report opens the section directly', async () => {
    window.location.hash = '#report';
    render(<App />);
    expect(await screen.findByRole('heading', { level: 2, name: 'Rapport openen' })).toBeTruthy();
    expect(await screen.findByLabelText('Rapport of mail van de klant', {}, { timeout: 10_000 })).toBeTruthy();
  });
});
