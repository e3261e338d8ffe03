import http from 'node:http';
import type net from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeReport, ProbeStreamLine } from '../lib/api';
import { testApp, type TestApp } from './testing/app';
import { startRaw } from './testing/smtp';

// POST /v1/probe with Accept: application/x-ndjson against a server that takes its time at every step,
// so each line can be seen arriving before the server has even answered the next command.

const timeouts = { connect: 1000, greeting: 3000, tls: 1000, command: 3000, overall: 8000 };
const NDJSON = { accept: 'application/x-ndjson' };
/** When the slow server sent each of its replies (Date.now()). */
const sent: Record<string, number[]> = { greeting: [], ehlo: [] };
let slow: { port: number; close(): Promise<void> };
let t: TestApp;

beforeAll(async () => {
  slow = await startRaw((sock) => {
    const later = (what: keyof typeof sent, text: string) =>
      setTimeout(() => {
        if (!sock.writable) return;
        sent[what]!.push(Date.now());
        sock.write(text);
      }, 300);
    later('greeting', '220 slow.test.nl ESMTP\r\n');
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        if (/^EHLO/i.test(line)) later('ehlo', '250-slow.test.nl\r\n250 8BITMIME\r\n');
        else if (/^QUIT/i.test(line)) sock.end('221 bye\r\n');
      }
    });
  });
  t = testApp({ extraPorts: [slow.port], timeouts, limits: { concurrentProbes: 1 }, rates: { probePerClient: [1000, 60], probePerTarget: [1000, 60] } });
});

afterAll(async () => {
  await slow.close();
  await t.app.close();
});

const body = { host: '127.0.0.1', port: 0, encryption: 'none' as const };
const request = (accept?: string) =>
  t.app.request('/v1/probe', { method: 'POST', headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) }, body: JSON.stringify({ ...body, port: slow.port }) });

/** Reads an NDJSON body chunk by chunk, noting when each line arrived. */
async function readLines(res: Response): Promise<Array<{ at: number; line: ProbeStreamLine }>> {
  const out: Array<{ at: number; line: ProbeStreamLine }> = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += value;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      out.push({ at: Date.now(), line: ProbeStreamLine.parse(JSON.parse(buf.slice(0, i))) });
      buf = buf.slice(i + 1);
    }
  }
  expect(buf).toBe('');
  return out;
}

describe('POST /v1/probe as NDJSON', () => {
  it('streams each step as it completes, before the server answers the next command, and the report last', async () => {
    const res = await request(NDJSON.accept);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = await readLines(res);
    const kinds = lines.map((l) => (l.line.type === 'step' ? `${l.line.step.step}:${l.line.step.status}` : l.line.type));
    expect(kinds).toEqual(['resolve:ok', 'connect:ok', 'greeting:ok', 'ehlo:ok', 'tls:skipped', 'auth:skipped', 'quit:ok', 'report']);
    const at = (name: string) => lines.find((l) => l.line.type === 'step' && l.line.step.step === name)!.at;
    // Causal order, not speed: each line was in the client's hands before the server sent its next reply.
    expect(at('connect')).toBeLessThanOrEqual(sent.greeting!.at(-1)!);
    expect(at('greeting')).toBeLessThanOrEqual(sent.ehlo!.at(-1)!);
    const last = lines.at(-1)!.line;
    if (last.type !== 'report') throw new Error('no report');
    // The report holds exactly the steps that were streamed.
    expect(last.report.steps).toEqual(lines.slice(0, -1).map((l) => (l.line.type === 'step' ? l.line.step : undefined)));
    expect(last.report.ok).toBe(true);
  });

  it('the final report has the same shape as the plain JSON answer (which is unchanged without the Accept header)', async () => {
    const plain = await request();
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    const json = ProbeReport.parse(await plain.json());
    const lines = await readLines(await request(NDJSON.accept));
    const last = lines.at(-1)!.line;
    if (last.type !== 'report') throw new Error('no report');
    const shape = (r: ProbeReport) => ({
      ...r,
      ms: 0,
      steps: r.steps.map((s) => ({ ...s, ms: 0 })),
      findings: r.findings.map((f) => f.code),
    });
    expect(shape(last.report)).toEqual(shape(json));
    expect(Object.keys(last.report).sort()).toEqual(Object.keys(json).sort());
  });

  it('with a password: no line carries it (the steps quote the server, cleaned)', async () => {
    const secret = 'Stroom-Geheim-9!';
    const res = await t.app.request('/v1/probe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...NDJSON },
      body: JSON.stringify({ ...body, port: slow.port, auth: { method: 'password', username: 'crm@test.nl', password: secret } }),
    });
    const text = await res.text();
    expect(text.trim().split('\n').length).toBeGreaterThan(3);
    for (const form of [secret, Buffer.from(secret).toString('base64').replace(/=+$/, '')]) {
      expect(text).not.toContain(form);
      expect(t.logs.join('\n')).not.toContain(form);
    }
  });

  it('errors before the probe starts stay ordinary JSON errors with their status', async () => {
    const bad = await t.app.request('/v1/probe', { method: 'POST', headers: { 'content-type': 'application/json', ...NDJSON }, body: JSON.stringify({ host: 'smtp.x.nl:587', port: 587, encryption: 'tls' }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await bad.json()).error.code).toBe('invalid_request');
    const refused = await t.app.request('/v1/probe', { method: 'POST', headers: { 'content-type': 'application/json', ...NDJSON }, body: JSON.stringify({ host: '169.254.169.254', port: 587, encryption: 'tls' }) });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe('target_not_allowed');
  });

  it('a name that does not resolve streams the resolve failure, then the report', async () => {
    const res = await t.app.request('/v1/probe', { method: 'POST', headers: { 'content-type': 'application/json', ...NDJSON }, body: JSON.stringify({ host: 'nope.invalid', port: 587, encryption: 'tls' }) });
    expect(res.status).toBe(200);
    const lines = await readLines(res);
    expect(lines[0]!.line).toMatchObject({ type: 'step', step: { step: 'resolve', status: 'fail' } });
    expect(lines.at(-1)!.line).toMatchObject({ type: 'report', report: { ok: false } });
  });

  it('holds its concurrency slot while streaming (503 probe_busy for a second probe) and frees it at the end', async () => {
    const first = await request(NDJSON.accept);
    const busy = await request(NDJSON.accept);
    expect(busy.status).toBe(503);
    expect((await busy.json()).error.code).toBe('probe_busy');
    await readLines(first);
    const again = await request(NDJSON.accept);
    expect(again.status).toBe(200);
    await readLines(again);
  });

  it('a client that disconnects mid-stream: the probe ends early, frees its slot and logs it; nothing leaks', async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const logsBefore = t.logs.length;
      await new Promise<void>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/probe', headers: { 'content-type': 'application/json', ...NDJSON } }, (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            // Leave as soon as the first step arrives (the server has not greeted yet).
            if (chunk.includes('"resolve"')) {
              req.destroy();
              resolve();
            }
          });
        });
        req.on('error', () => undefined);
        req.on('timeout', () => reject(new Error('timeout')));
        req.end(JSON.stringify({ ...body, port: slow.port }));
      });
      // The probe notices, ends within its current phase, and logs that the client left.
      await expect.poll(() => t.logs.slice(logsBefore).find((l) => l.includes('"msg":"probe"')), { timeout: 6000 }).toContain('"clientGone":true');
      const next = await request(NDJSON.accept);
      expect(next.status).toBe(200);
      await readLines(next);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
