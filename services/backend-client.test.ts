import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app';
import { makeConfig } from '../server/config';
import { createBackendClient } from './backend-client';

// The client against the real backend app (no socket: app.request), and against a dead address.
const app = createApp(makeConfig(), { logLevel: 'silent' });
const viaApp = (input: string, init?: RequestInit) => Promise.resolve(app.request(input, init));
const client = createBackendClient('http://127.0.0.1:8787/', viaApp, { lang: 'nl' });

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
    expect(r.message).not.toContain(' / ');
    const en = await createBackendClient('http://127.0.0.1:8787/', viaApp, { lang: 'en' }).probe({ host: 'smtp.x.nl:587', port: 587, encryption: 'tls' });
    expect(!en.ok && en.message).toContain('Host name');
  });

  it('a remote backend that does not answer: check the address or ask whoever runs it, no npm start', async () => {
    const dead = createBackendClient('https://backend.invalid', () => Promise.reject(new TypeError('fetch failed')), { lang: 'nl' });
    const r = await dead.health();
    expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
    if (!r.ok) {
      expect(r.message).toContain('Instellingen');
      expect(r.message).not.toContain('npm start');
    }
  });

  it('sends the API key as Authorization: Bearer, and renders 401 by code', async () => {
    const seen: Array<string | null> = [];
    const keyed = createApp(makeConfig({ apiKeys: ['k-0123456789abcdef'] }), { logLevel: 'silent' });
    const via = (input: string, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return Promise.resolve(keyed.request(input, init));
    };
    const ok = await createBackendClient('http://127.0.0.1:8787', via, { lang: 'nl', apiKey: 'k-0123456789abcdef' }).discover({ domain: 'x' });
    expect(ok).toMatchObject({ ok: false, code: 'invalid_request' });
    const wrong = await createBackendClient('http://127.0.0.1:8787', via, { lang: 'en', apiKey: 'k-wrongwrongwrong' }).discover({ domain: 'x.nl' });
    expect(wrong).toMatchObject({ ok: false, status: 401, code: 'unauthorized' });
    expect(!wrong.ok && wrong.message).toContain('does not belong');
    expect(seen).toEqual(['Bearer k-0123456789abcdef', 'Bearer k-wrongwrongwrong']);
    await keyed.close();
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

describe('probe with live steps (NDJSON)', () => {
  const report = {
    ok: false,
    target: { host: 'smtp.voorbeeld.nl', port: 587, address: '192.0.2.1', addresses: ['192.0.2.1'] },
    ms: 912,
    steps: [
      { step: 'resolve', status: 'ok', ms: 3, message: '192.0.2.1' },
      { step: 'connect', status: 'ok', ms: 20 },
      { step: 'greeting', status: 'ok', ms: 300, reply: '220 mail.voorbeeld.nl ESMTP — welkom, café ☕' },
      { step: 'ehlo', status: 'fail', ms: 8, code: 'SMTP_421', reply: '421 4.3.2 Service shutting down' },
    ],
    server: { banner: 'mail.voorbeeld.nl ESMTP — welkom, café ☕', extensions: [], authMechanisms: [], startTls: false },
    detected: { portMode: 'unknown' },
    findings: [{ code: 'server-busy', severity: 'error' }],
  };
  const ndjson = [...report.steps.map((step) => ({ type: 'step', step })), { type: 'report', report }].map((l) => `${JSON.stringify(l)}\n`).join('');

  /** A Response whose body arrives in the given pieces of bytes (cut anywhere, also inside a UTF-8 character). */
  const chunked = (bytes: Uint8Array, cuts: number[], type = 'application/x-ndjson') => {
    const pieces: Uint8Array[] = [];
    let at = 0;
    for (const c of [...cuts, bytes.length]) {
      pieces.push(bytes.slice(at, c));
      at = c;
    }
    return new Response(
      new ReadableStream<Uint8Array>({
        start(ctl) {
          for (const p of pieces) ctl.enqueue(p);
          ctl.close();
        },
      }),
      { status: 200, headers: { 'content-type': type } },
    );
  };

  it('calls onStep for each step in order and resolves with the report, however the bytes are cut', async () => {
    const bytes = new TextEncoder().encode(ndjson);
    const cafe = bytes.indexOf(0xc3); // the first byte of "é": cut right inside it
    const cutSets = [[], [1, 2, 3], [cafe + 1], Array.from({ length: bytes.length - 1 }, (_, i) => i + 1), [bytes.indexOf(10), bytes.indexOf(10) + 1]];
    for (const cuts of cutSets) {
      const init: RequestInit[] = [];
      const c = createBackendClient('http://x', (_i, o) => (init.push(o!), Promise.resolve(chunked(bytes, cuts))));
      const seen: string[] = [];
      const r = await c.probe({ host: 'smtp.voorbeeld.nl', port: 587, encryption: 'tls' }, undefined, (s) => seen.push(`${s.step}:${s.status}:${s.reply ?? ''}`));
      expect(seen).toEqual(report.steps.map((s) => `${s.step}:${s.status}:${s.reply ?? ''}`));
      expect(r).toEqual({ ok: true, data: expect.objectContaining({ ok: false, ms: 912, steps: report.steps }) });
      expect((init[0]!.headers as Record<string, string>).accept).toMatch(/^application\/x-ndjson/);
    }
  });

  it('steps reach onStep before the body ends', async () => {
    let push!: (s: string) => void;
    let end!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(ctl) {
        push = (s) => ctl.enqueue(new TextEncoder().encode(s));
        end = () => ctl.close();
      },
    });
    const c = createBackendClient('http://x', () => Promise.resolve(new Response(body, { headers: { 'content-type': 'application/x-ndjson' } })));
    const seen: string[] = [];
    const done = c.probe({ host: 'smtp.voorbeeld.nl', port: 587, encryption: 'tls' }, undefined, (s) => seen.push(s.step));
    push(`${JSON.stringify({ type: 'step', step: report.steps[0] })}\n{"type":"st`);
    await expect.poll(() => seen).toEqual(['resolve']);
    push(`ep","step":${JSON.stringify(report.steps[1])}}\n`);
    await expect.poll(() => seen).toEqual(['resolve', 'connect']);
    push(`${JSON.stringify({ type: 'report', report })}\n`);
    end();
    expect(await done).toMatchObject({ ok: true });
  });

  it('an older backend that answers plain JSON: the report, no steps early', async () => {
    const c = createBackendClient('http://x', () => Promise.resolve(new Response(JSON.stringify(report), { headers: { 'content-type': 'application/json' } })));
    const seen: string[] = [];
    expect(await c.probe({ host: 'smtp.voorbeeld.nl', port: 587, encryption: 'tls' }, undefined, (s) => seen.push(s.step))).toMatchObject({ ok: true, data: { ms: 912 } });
    expect(seen).toEqual([]);
  });

  it('an error status stays an API error; an error line, a bad line, a missing report or an endless line are failures, never throws', async () => {
    const err = { error: { code: 'probe_busy', message: 'Bezig. / Busy.', retryAfter: 5 } };
    const busy = createBackendClient('http://x', () => Promise.resolve(new Response(JSON.stringify(err), { status: 503, headers: { 'content-type': 'application/json' } })));
    expect(await busy.probe({ host: 'a.nl', port: 587, encryption: 'tls' }, undefined, () => undefined)).toMatchObject({ ok: false, kind: 'http', status: 503, code: 'probe_busy' });
    const enc = (s: string) => new TextEncoder().encode(s);
    const cases: Array<[string, object]> = [
      [`${JSON.stringify({ type: 'step', step: report.steps[0] })}\n{"type":"error","error":{"code":"internal","message":"Mis. / Wrong."}}\n`, { kind: 'http', code: 'internal' }],
      [`{"type":"step","step":{"step":"nonsense"}}\n`, { kind: 'invalid-response' }],
      ['not json\n', { kind: 'invalid-response' }],
      [`${JSON.stringify({ type: 'step', step: report.steps[0] })}\n`, { kind: 'invalid-response' }],
      [`{"type":"step","step":"${'x'.repeat(300 * 1024)}`, { kind: 'invalid-response' }],
    ];
    for (const [body, want] of cases) {
      const c = createBackendClient('http://x', () => Promise.resolve(chunked(enc(body), [7])));
      expect(await c.probe({ host: 'a.nl', port: 587, encryption: 'tls' }, undefined, () => undefined)).toMatchObject({ ok: false, ...want });
    }
    // Unknown line types and steps of a new name (a newer backend) are skipped.
    const future = JSON.stringify({ type: 'step', step: { step: 'dane', status: 'ok', ms: 2 } });
    const newer = createBackendClient('http://x', () => Promise.resolve(chunked(enc(`{"type":"hint","x":1}\n${future}\n${JSON.stringify({ type: 'step', step: report.steps[0] })}\n${JSON.stringify({ type: 'report', report })}\n`), [])));
    const seen: string[] = [];
    expect(await newer.probe({ host: 'a.nl', port: 587, encryption: 'tls' }, undefined, (s) => seen.push(s.step))).toMatchObject({ ok: true });
    expect(seen).toEqual(['resolve']);
  });

  it('"Stoppen" mid-stream: aborted', async () => {
    const ctl = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(`${JSON.stringify({ type: 'step', step: report.steps[0] })}\n`));
        ctl.signal.addEventListener('abort', () => c.error(new DOMException('Aborted', 'AbortError')));
      },
    });
    const c = createBackendClient('http://x', () => Promise.resolve(new Response(body, { headers: { 'content-type': 'application/x-ndjson' } })));
    const done = c.probe({ host: 'a.nl', port: 587, encryption: 'tls' }, ctl.signal, () => ctl.abort());
    expect(await done).toMatchObject({ ok: false, code: 'aborted' });
  });
});
