import { CRM, ID, MATCHES, NOT_OUR_CONTENT_SCRIPT } from './testing/senders';
import { describe, expect, test, vi } from 'vitest';
import { checkFormValues, createCrmRouter, isCrmContentScript, type Sender } from './crm-router';
import { passwordState } from '@/messaging/content-command';
import { checkSettings } from '@/lib/rules';
import type { ProbeReport } from '@/lib/api';
import type { ProbeOutcome } from './probe-via-backend';

const REPORT: ProbeReport = {
  ok: false,
  target: { host: '127.0.0.1', port: 2465, address: '127.0.0.1', addresses: ['127.0.0.1'] },
  ms: 1012,
  steps: [
    { step: 'resolve', status: 'ok', ms: 0 },
    { step: 'connect', status: 'ok', ms: 1 },
    { step: 'greeting', status: 'fail', ms: 1001, code: 'EIMPLICITTLS' },
  ],
  server: { extensions: [], authMechanisms: [], startTls: false },
  detected: { portMode: 'implicit-tls', recommendedEncryption: 'ssl' },
  findings: [{ code: 'port-expects-ssl', severity: 'error', field: 'encryption', params: { port: 2465 }, fix: { encryption: 'ssl' } }],
};
const outcome = (result: ProbeOutcome['result']): ProbeOutcome => ({ backendUrl: 'http://127.0.0.1:8787', result });


function router(over: Partial<Parameters<typeof createCrmRouter>[0]> = {}) {
  return createCrmRouter({
    runtimeId: ID,
    crmMatches: MATCHES,
    loadDraft: async () => ({ host: 'mail.bedrijf.nl', port: 587, encryption: 'tls', authMethod: 'password', username: 'svc', password: 'pw-secret' }),
    loadLocal: async () => ({ wizard: { validation: { domain: 'bedrijf.nl' } } }),
    currentTabUrl: async () => CRM.url,
    probe: vi.fn(async () => outcome({ ok: true, data: REPORT })),
    ...over,
  });
}

describe('who may ask', () => {
  test.each(NOT_OUR_CONTENT_SCRIPT)('%s gets no answer, not even for the password', async (_, sender) => {
    expect(isCrmContentScript(sender, { runtimeId: ID, crmMatches: MATCHES })).toBe(false);
    expect(await router()({ type: 'crm/fill-request' }, sender)).toBeUndefined();
  });

  test('malformed messages get no answer', async () => {
    const r = router();
    for (const m of [null, 'crm/fill-request', { type: 'crm/fill-request', presetId: 5 }, { type: 'crm/apply-fill' }, { type: 'crm/check-values', lang: 'de', values: {}, password: 'empty' }]) {
      expect(await r(m, CRM)).toBeUndefined();
    }
  });
});

describe('fill request', () => {
  test('our content script on the CRM gets the saved draft with the password', async () => {
    expect(await router()({ type: 'crm/fill-request' }, CRM)).toEqual({
      ok: true,
      draft: { host: 'mail.bedrijf.nl', port: 587, encryption: 'tls', authMethod: 'password', username: 'svc', password: 'pw-secret' },
    });
  });
  test('a preset keeps the saved user name; the saved password only when the preset names the saved server', async () => {
    const r = await router()({ type: 'crm/fill-request', presetId: 'office365' }, CRM);
    expect(r).toMatchObject({ ok: true, draft: { host: 'smtp.office365.com', port: 587, encryption: 'tls', username: 'svc' } });
    expect(JSON.stringify(r)).not.toContain('pw-secret');
    const o365 = router({ loadDraft: async () => ({ host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'svc', password: 'pw-secret' }) });
    expect(await o365({ type: 'crm/fill-request', presetId: 'office365' }, CRM)).toMatchObject({ ok: true, draft: { host: 'smtp.office365.com', password: 'pw-secret' } });
  });
  test('the password rule: never with "Geen encryptie", even for the saved settings', async () => {
    const plain = router({ loadDraft: async () => ({ host: 'mail.bedrijf.nl', port: 25, encryption: 'none', authMethod: 'password', username: 'svc', password: 'pw-secret' }) });
    const r = await plain({ type: 'crm/fill-request' }, CRM);
    expect(r).toMatchObject({ ok: true, draft: { host: 'mail.bedrijf.nl', encryption: 'none', username: 'svc' } });
    expect(JSON.stringify(r)).not.toContain('pw-secret');
    expect(await plain({ type: 'crm/panel-data' }, CRM)).toMatchObject({ hasPassword: true, savedWithPassword: false });
  });
  test('refused when the tab navigated to another origin meanwhile', async () => {
    expect(await router({ currentTabUrl: async () => 'https://evil.example/' })({ type: 'crm/fill-request' }, CRM)).toEqual({ ok: false, error: 'navigated' });
    expect(await router({ currentTabUrl: async () => undefined })({ type: 'crm/fill-request' }, CRM)).toEqual({ ok: false, error: 'navigated' });
  });
  test('nothing saved, unknown preset', async () => {
    expect(await router({ loadDraft: async () => ({}) })({ type: 'crm/fill-request' }, CRM)).toEqual({ ok: false, error: 'nothing-saved' });
    expect(await router()({ type: 'crm/fill-request', presetId: 'nope' }, CRM)).toEqual({ ok: false, error: 'nothing-saved' });
  });
});

describe('no password anywhere else', () => {
  test('panel data says whether a password is saved, never which', async () => {
    const data = await router()({ type: 'crm/panel-data' }, CRM);
    expect(JSON.stringify(data)).not.toContain('pw-secret');
    expect(data).toMatchObject({ hasPassword: true, saved: { host: 'mail.bedrijf.nl' } });
  });
  test('panel data carries the panel texts in the asked language (the catalogue stays out of the content script)', async () => {
    expect(await router()({ type: 'crm/panel-data' }, CRM)).toMatchObject({ texts: { check: 'Controleren' } });
    expect(await router({ loadLocal: async () => ({ prefs: { lang: 'en' } }) })({ type: 'crm/panel-data' }, CRM)).toMatchObject({ lang: 'en', texts: { check: 'Check' } });
  });
  test.each<[string | undefined, 'nl' | 'en' | undefined, string | undefined, 'nl' | 'en']>([
    ['nl', 'en', 'en-US', 'nl'], // a Dutch CRM speaks Dutch, even with an English browser and admin choice
    ['en-GB', 'nl', 'nl-NL', 'en'],
    [undefined, 'en', 'nl-NL', 'en'], // no page language: the admin's choice
    ['de', undefined, 'en-US', 'en'], // a language we do not speak: the browser's
    ['', undefined, 'nl-BE', 'nl'],
  ])('panel language: page %j, admin %j, browser %j -> %s', async (pageLang, admin, browserLang, want) => {
    const r = router({ loadLocal: async () => ({ prefs: admin ? { lang: admin } : {} }) });
    expect(await r({ type: 'crm/panel-data', pageLang, browserLang }, CRM)).toMatchObject({ lang: want, texts: { check: want === 'nl' ? 'Controleren' : 'Check' } });
  });
  test('panel data: mode, Domein/Van/Naar, the backend address, and the errors a fill would write', async () => {
    const r = router({
      loadDraft: async () => ({ host: 'smtp.gmail.com', port: 465, encryption: 'tls', authMethod: 'password', username: 'ik@gmail.com', mode: 'mailbox' }),
      loadLocal: async () => ({ prefs: { backendUrl: 'https://backend.example.nl' }, wizard: { validation: { domain: 'bedrijf.nl', from: 'a', to: 'b' } } }),
    });
    const d = (await r({ type: 'crm/panel-data' }, CRM)) as { savedErrors: { code: string }[] };
    expect(d).toMatchObject({ mode: 'mailbox', validation: { domain: 'bedrijf.nl', from: 'a', to: 'b' }, backendUrl: 'https://backend.example.nl', hasPassword: false });
    expect(d.savedErrors.map((f) => f.code)).toContain('port-encryption-mismatch');
  });
  test('panel data: a preset with no saved user name is no error to confirm (the admin types it), a wrong transport is', async () => {
    const r = router({ loadDraft: async () => ({}) });
    const d = (await r({ type: 'crm/panel-data' }, CRM)) as { presets: { id: string; errors?: { code: string }[] }[] };
    const o365 = d.presets.find((x) => x.id === 'office365')!;
    expect(o365.errors?.map((f) => f.code) ?? []).not.toContain('username-required');
    expect(o365.errors ?? []).toEqual([]);
  });
  test('probe: the saved password only for the saved host, port, encryption and user name', async () => {
    const probe = vi.fn(async (_v: unknown, _p: string | undefined) => outcome({ ok: true, data: REPORT }));
    const r = router({ probe });
    const v = { host: 'mail.bedrijf.nl', port: '587', encryption: 'tls', authMethod: 'password', username: 'svc' };
    const sources = [
      await r({ type: 'crm/probe', values: v }, CRM),
      await r({ type: 'crm/probe', values: { ...v, host: 'MAIL.bedrijf.nl.' } }, CRM),
      await r({ type: 'crm/probe', values: { ...v, username: 'other' } }, CRM),
      // A page that rewrote Hostnaam does not get the saved password sent to its server.
      await r({ type: 'crm/probe', values: { ...v, host: 'smtp.evil.example' } }, CRM),
      await r({ type: 'crm/probe', values: { ...v, authMethod: 'ip-whitelist' } }, CRM),
      await r({ type: 'crm/probe', values: { ...v, port: '2525' } }, CRM),
      await r({ type: 'crm/probe', values: { ...v, encryption: 'none' } }, CRM),
    ].map((x) => (x as { password?: string }).password);
    expect(probe.mock.calls.map((c) => c[1])).toEqual(['pw-secret', 'pw-secret', undefined, undefined, undefined, undefined, undefined]);
    expect(sources).toEqual(['saved', 'saved', 'none', 'none', 'none', 'none', 'none']);
  });
  test('probe: the form\'s own password (sent at the click) wins, only with password authentication', async () => {
    const probe = vi.fn(async (_v: unknown, _p: string | undefined) => outcome({ ok: true, data: REPORT }));
    const r = router({ probe });
    const v = { host: 'smtp.evil.example', port: '587', encryption: 'tls', authMethod: 'password', username: 'other' };
    const res = await r({ type: 'crm/probe', values: v, password: 'typed-in-form' }, CRM);
    await r({ type: 'crm/probe', values: { ...v, authMethod: 'ip-whitelist' }, password: 'typed-in-form' }, CRM);
    expect(probe.mock.calls.map((c) => c[1])).toEqual(['typed-in-form', undefined]);
    expect(res).toMatchObject({ ok: true, password: 'form' });
    // The answer never carries a password back.
    expect(JSON.stringify(res)).not.toMatch(/typed-in-form|pw-secret/);
  });
  test('probe: the report comes back with finding texts and fixes, in the asked language', async () => {
    const res = await router()({ type: 'crm/probe', values: { host: '127.0.0.1', port: 2465, encryption: 'tls' }, lang: 'nl' }, CRM);
    expect(res).toMatchObject({ ok: true, report: { detected: { portMode: 'implicit-tls', recommendedEncryption: 'ssl' }, steps: [{ step: 'resolve' }, {}, { code: 'EIMPLICITTLS' }] } });
    const f = (res as { report: { findings: { code: string; text: string; fix?: object }[] } }).report.findings[0]!;
    expect(f).toMatchObject({ code: 'port-expects-ssl', fix: { encryption: 'ssl' } });
    expect(f.text).toContain('Gebruik SSL');
    expect(f.text).not.toContain('{');
  });
  test('probe: unreachable backend says where, and how to start it', async () => {
    const r = router({ probe: async () => outcome({ ok: false, kind: 'unreachable', code: 'backend_unreachable', message: 'Backend niet bereikbaar op x — start hem met `npm start`. / Backend not reachable at x — start it with `npm start`.' }) });
    expect(await r({ type: 'crm/probe', values: { host: 'h.nl', port: 587, encryption: 'tls' }, lang: 'en' }, CRM)).toEqual({
      ok: false,
      kind: 'unreachable',
      code: 'backend_unreachable',
      message: 'Backend not reachable at http://127.0.0.1:8787. Start it on this computer with `npm start`.',
      backendUrl: 'http://127.0.0.1:8787',
    });
    // A probe function that throws all the same is treated as unreachable.
    const thrown = router({ probe: async () => Promise.reject(new Error('boom')) });
    expect(await thrown({ type: 'crm/probe', values: { host: 'h.nl', port: 587, encryption: 'tls' } }, CRM)).toMatchObject({ ok: false, kind: 'unreachable' });
  });
  test('probe: an API error keeps its code, its message in the asked language and its findings with texts', async () => {
    const r = router({
      probe: async () =>
        outcome({ ok: false, kind: 'http', status: 400, code: 'invalid_request', message: 'Hostnaam bevat een poortnummer. / Host name contains a port number.', error: { code: 'invalid_request', message: '', findings: [{ code: 'host-invalid', severity: 'error', field: 'host' }] } }),
    });
    const res = await r({ type: 'crm/probe', values: { host: 'h.nl:587', port: 587, encryption: 'tls' } }, CRM);
    // The text comes from the extension's catalogue by code and finding, in the asked language (Dutch by default), never the backend's message.
    expect(res).toMatchObject({ ok: false, kind: 'http', code: 'invalid_request', findings: [{ code: 'host-invalid' }] });
    expect((res as { message: string }).message).toMatch(/Hostnaam/);
    expect((res as { message: string }).message).not.toContain(' / ');
  });
});

describe('findings from password states', () => {
  test.each(['', 'abcd efgh ijkl mnop', 'hunter2', 'a\u0001b', undefined])('the state of %j gives the same findings as the password (no stand-in values)', (pw) => {
    const values = { host: 'smtp.gmail.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'ik@gmail.com' };
    const real = checkSettings({ ...values, password: pw }).map((f) => f.code).sort();
    const stand = checkSettings({ ...values, passwordState: passwordState(pw) }).map((f) => f.code).sort();
    expect(stand).toEqual(real);
  });
  test('texts in the asked language, worst first', () => {
    const nl = checkFormValues({ host: 'smtp.gmail.com', port: '465', encryption: 'tls', authMethod: 'ip-whitelist' }, 'absent', 'nl');
    expect(nl[0]).toMatchObject({ code: 'port-encryption-mismatch', severity: 'error' });
    expect(nl[0]!.text).toContain('Gebruik SSL');
    expect(checkFormValues({ host: '' }, 'absent', 'en')[0]!.text).toMatch(/Hostnaam|host/i);
  });
});

describe('live probe on the content script\'s Port', () => {
  function fakePort(sender: Sender, name = 'crm/probe') {
    const onMessage: Array<(m: unknown) => void> = [];
    const onDisconnect: Array<() => void> = [];
    const port = {
      name,
      sender,
      posted: [] as unknown[],
      disconnected: false,
      postMessage: (m: unknown) => void port.posted.push(JSON.parse(JSON.stringify(m))),
      disconnect: () => void (port.disconnected = true),
      onMessage: { addListener: (cb: (m: unknown) => void) => void onMessage.push(cb) },
      onDisconnect: { addListener: (cb: () => void) => void onDisconnect.push(cb) },
      send: (m: unknown) => onMessage.forEach((cb) => cb(m)),
      /** The other side closes the port. */
      close: () => onDisconnect.forEach((cb) => cb()),
    };
    return port;
  }
  const values = { host: 'mail.bedrijf.nl', port: '587', encryption: 'tls', authMethod: 'password', username: 'svc' };

  test('each step as it arrives, then the result, then the port is closed; never a password', async () => {
    const probe = vi.fn(async (_v: unknown, _p: string | undefined, onStep?: (s: ProbeReport['steps'][number]) => void) => {
      for (const s of REPORT.steps) onStep?.(s);
      return outcome({ ok: true, data: REPORT });
    });
    const r = router({ probe });
    const port = fakePort(CRM);
    r.probePort(port);
    port.send({ type: 'crm/probe', values, lang: 'nl', password: 'typed-in-form' });
    await vi.waitFor(() => expect(port.disconnected).toBe(true));
    expect(port.posted.map((m) => (m as { type: string; step?: { step: string } }).step?.step ?? (m as { type: string }).type)).toEqual(['resolve', 'connect', 'greeting', 'crm/probe-result']);
    expect(port.posted.at(-1)).toMatchObject({ type: 'crm/probe-result', response: { ok: true, password: 'form', report: { findings: [{ code: 'port-expects-ssl', text: expect.stringContaining('Gebruik SSL') }] } } });
    // The same password rules as crm/probe: the form's own password, used for this probe, never sent back.
    expect(probe.mock.calls[0]![1]).toBe('typed-in-form');
    expect(JSON.stringify(port.posted)).not.toMatch(/typed-in-form|pw-secret/);
  });

  test.each(NOT_OUR_CONTENT_SCRIPT)('%s: the port is closed at once, no probe', async (_, sender) => {
    const probe = vi.fn(async () => outcome({ ok: true, data: REPORT }));
    const port = fakePort(sender);
    router({ probe }).probePort(port);
    expect(port.disconnected).toBe(true);
    port.send({ type: 'crm/probe', values });
    expect(probe).not.toHaveBeenCalled();
    expect(port.posted).toEqual([]);
  });

  test('a malformed first message or a second probe on the same port closes it', async () => {
    const probe = vi.fn(async () => outcome({ ok: true, data: REPORT }));
    const bad = fakePort(CRM);
    router({ probe }).probePort(bad);
    bad.send({ type: 'crm/probe', values: { host: 'x'.repeat(301) } });
    expect(bad.disconnected).toBe(true);
    expect(probe).not.toHaveBeenCalled();
    const twice = fakePort(CRM);
    router({ probe }).probePort(twice);
    twice.send({ type: 'crm/probe', values });
    twice.send({ type: 'crm/probe', values });
    expect(twice.disconnected).toBe(true);
    await vi.waitFor(() => expect(probe).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(probe).toHaveBeenCalledTimes(1);
    expect(twice.posted).toEqual([]);
  });

  test('the content script closing the port aborts the probe; nothing more is posted', async () => {
    let signal: AbortSignal | undefined;
    let finish!: () => void;
    const probe = vi.fn(
      (_v: unknown, _p: string | undefined, _s?: unknown, sig?: AbortSignal) =>
        new Promise<ProbeOutcome>((resolve) => {
          signal = sig;
          finish = () => resolve(outcome({ ok: false, kind: 'unreachable', code: 'aborted', message: 'Afgebroken. / Aborted.' }));
        }),
    );
    const port = fakePort(CRM);
    router({ probe }).probePort(port);
    port.send({ type: 'crm/probe', values });
    await vi.waitFor(() => expect(signal).toBeDefined());
    port.close();
    expect(signal!.aborted).toBe(true);
    finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(port.posted).toEqual([]);
  });
});
