import { describe, expect, test, vi } from 'vitest';
import { checkFormValues, createCrmRouter, isCrmContentScript, PASSWORD_STAND_INS, type Sender } from './crm-router';
import { passwordState } from '@/lib/content-command';
import { checkSettings } from '@/lib/rules';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const MATCHES = ['https://app.perfectview.nl/*', 'http://127.0.0.1/*'];
const CRM: Sender = { id: ID, url: 'https://app.perfectview.nl/crm/settings', origin: 'https://app.perfectview.nl', frameId: 0, tab: { id: 7 } };

function router(over: Partial<Parameters<typeof createCrmRouter>[0]> = {}) {
  return createCrmRouter({
    runtimeId: ID,
    crmMatches: MATCHES,
    loadDraft: async () => ({ host: 'mail.bedrijf.nl', port: 587, encryption: 'tls', authMethod: 'password', username: 'svc', password: 'pw-secret' }),
    loadValidationDomain: async () => 'bedrijf.nl',
    currentTabUrl: async () => CRM.url,
    probe: vi.fn(async () => ({ ok: true, steps: [], findings: [{ code: 'unencrypted', severity: 'warning' }] })),
    ...over,
  });
}

describe('who may ask', () => {
  test.each<[string, Sender]>([
    ['another extension', { ...CRM, id: 'zzzz' }],
    ['an extension page (no tab)', { id: ID, url: `chrome-extension://${ID}/popup.html` }],
    ['an iframe', { ...CRM, frameId: 3 }],
    ['a non-CRM tab', { ...CRM, url: 'https://evil.example/', origin: 'https://evil.example' }],
    ['a look-alike host', { ...CRM, url: 'https://app.perfectview.nl.evil.example/', origin: 'https://app.perfectview.nl.evil.example' }],
    ['a url/origin mismatch', { ...CRM, origin: 'https://evil.example' }],
  ])('%s gets no answer, not even for the password', async (_, sender) => {
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
  test('a preset keeps the saved user name and password', async () => {
    const r = await router()({ type: 'crm/fill-request', presetId: 'office365' }, CRM);
    expect(r).toMatchObject({ ok: true, draft: { host: 'smtp.office365.com', port: 587, encryption: 'tls', username: 'svc', password: 'pw-secret' } });
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
  test('probe uses the saved password only for the saved user name', async () => {
    const probe = vi.fn(async () => ({ ok: true, findings: [] }));
    const r = router({ probe });
    await r({ type: 'crm/probe', values: { host: 'mail.bedrijf.nl', port: '587', encryption: 'tls', authMethod: 'password', username: 'svc' } }, CRM);
    await r({ type: 'crm/probe', values: { host: 'mail.bedrijf.nl', port: '587', encryption: 'tls', authMethod: 'password', username: 'other' } }, CRM);
    expect(probe.mock.calls.map((c) => (c as unknown[])[1])).toEqual(['pw-secret', undefined]);
  });
  test('probe: unreachable backend', async () => {
    const r = router({ probe: async () => Promise.reject(new Error('ECONNREFUSED')) });
    expect(await r({ type: 'crm/probe', values: { host: 'h.nl', port: 587, encryption: 'tls' } }, CRM)).toMatchObject({ ok: false, error: 'backend-unreachable' });
  });
});

describe('findings from password states', () => {
  test.each(['', 'abcd efgh ijkl mnop', 'hunter2', 'a\u0001b', undefined])('the stand-in for %j gives the same findings as the password', (pw) => {
    const values = { host: 'smtp.gmail.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'ik@gmail.com' };
    const real = checkSettings({ ...values, password: pw }).map((f) => f.code).sort();
    const stand = checkSettings({ ...values, password: PASSWORD_STAND_INS[passwordState(pw)] }).map((f) => f.code).sort();
    expect(stand).toEqual(real);
  });
  test('texts in the asked language, worst first', () => {
    const nl = checkFormValues({ host: 'smtp.gmail.com', port: '465', encryption: 'tls', authMethod: 'ip-whitelist' }, 'absent', 'nl');
    expect(nl[0]).toMatchObject({ code: 'port-encryption-mismatch', severity: 'error' });
    expect(nl[0]!.text).toContain('Gebruik SSL');
    expect(checkFormValues({ host: '' }, 'absent', 'en')[0]!.text).toMatch(/Hostnaam|host/i);
  });
});
