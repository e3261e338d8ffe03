import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app';
import { makeConfig } from '../server/config';
import { createBackendClient } from './backend-client';

// The client against the real backend app (no socket: app.request), and against a dead address.
const app = createApp(makeConfig(), { logLevel: 'silent' });
const viaApp = (input: string, init?: RequestInit) => Promise.resolve(app.request(input, init));
const client = createBackendClient('http://127.0.0.1:8787/', viaApp);

afterAll(() => app.close());

describe('createBackendClient', () => {
  it('health', async () => {
    const r = await client.health();
    expect(r).toEqual({ ok: true, data: { ok: true, version: expect.any(String), store: 'memory' } });
  });

  it('a 400 comes back as a failure with the API code, field and message', async () => {
    const r = await client.probe({ host: 'smtp.x.nl:587', port: 587, encryption: 'tls' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r).toMatchObject({ kind: 'http', status: 400, code: 'invalid_request', error: { field: 'host' } });
    expect(r.message).toContain('Hostnaam');
  });

  it('confirm of an unknown validation → not_found; a malformed code → code_invalid', async () => {
    expect(await client.confirmValidation('AAAAAAAAAAAAAAAAAAAAAA', 'ABCDEF')).toMatchObject({ ok: false, status: 404, code: 'not_found' });
    expect(await client.confirmValidation('AAAAAAAAAAAAAAAAAAAAAA', '１２３４５６')).toMatchObject({ ok: false, status: 400, code: 'code_invalid' });
  });

  it('createValidation refuses an address outside the domain (400, field from)', async () => {
    const r = await client.createValidation({
      settings: { host: 'smtp.example.nl', port: 587, encryption: 'tls', auth: { method: 'ip-whitelist' }, mode: 'relay' },
      domain: 'example.nl',
      from: 'jan@elders.nl',
      to: 'piet@example.nl',
    });
    expect(r).toMatchObject({ ok: false, status: 400, error: { field: 'from' } });
  });

  it('a backend that is not running: a clear "start it with npm start" failure, never a throw', async () => {
    const dead = createBackendClient('http://127.0.0.1:1', () => Promise.reject(new TypeError('Failed to fetch')));
    const r = await dead.health();
    expect(r).toMatchObject({ ok: false, kind: 'unreachable', code: 'backend_unreachable' });
    if (!r.ok) expect(r.message).toContain('npm start');
  });

  it('an answer that does not fit the schema is invalid-response', async () => {
    const odd = createBackendClient('http://x', () => Promise.resolve(new Response('{"hello":1}', { status: 200, headers: { 'content-type': 'application/json' } })));
    expect(await odd.health()).toMatchObject({ ok: false, kind: 'invalid-response' });
    const html = createBackendClient('http://x', () => Promise.resolve(new Response('<h1>502</h1>', { status: 502 })));
    expect(await html.health()).toMatchObject({ ok: false, kind: 'http', code: 'http_502' });
  });
});
