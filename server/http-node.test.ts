import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app';
import { makeConfig } from './config';

// The HTTP layer as main.ts serves it (@hono/node-server on a real socket), where the body is read from
// Node's IncomingMessage (body.ts) and CORS headers are set before the route answers (middleware.ts).
// The other server tests use app.request(), which takes the web-body path.
let app: App;
let server: http.Server;
let port: number;
const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

const logs: string[] = [];
beforeAll(async () => {
  const logStream = new Writable({
    write: (c, _e, cb) => {
      logs.push(String(c));
      cb();
    },
  });
  app = createApp(makeConfig({ allowedCidrs: ['127.0.0.0/8'] }), { logStream });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as http.Server;
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await app.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request; `chunks` are written one by one (chunked transfer encoding when no content-length is given). */
function send(method: string, path: string, headers: Record<string, string | number>, chunks: Array<string | Buffer> = []): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const json = { 'content-type': 'application/json' };

describe('the HTTP layer on a real socket', () => {
  it('reads a JSON body from the socket and hands it to the route', async () => {
    const body = JSON.stringify({ host: '127.0.0.1', port: 8080, encryption: 'tls' });
    const r = await send('POST', '/v1/probe', { ...json, 'content-length': Buffer.byteLength(body) }, [body]);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'port_not_allowed', field: 'port' });
  });

  it('reads a chunked body that arrives in pieces', async () => {
    const r = await send('POST', '/v1/probe', json, ['{"host":"127.0.', '0.1","port":8080,', '"encryption":"tls"}']);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.code).toBe('port_not_allowed');
  });

  it('413 for a declared Content-Length over the cap, before reading it', async () => {
    const r = await send('POST', '/v1/probe', { ...json, 'content-length': 20_000 }, ['{"host":"']);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('payload_too_large');
    expect(r.headers.connection).toBe('close');
  });

  it('413 for a chunked body that grows over the cap while it arrives', async () => {
    const piece = 'a'.repeat(4096);
    const r = await send('POST', '/v1/discover', json, ['{"domain":"', ...Array.from({ length: 8 }, () => piece), '"}']);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('payload_too_large');
    expect(r.headers.connection).toBe('close');
    // The backend still answers the next request.
    expect((await send('GET', '/v1/health', {})).status).toBe(200);
  });

  it('a client that leaves in the middle of its body: a 400 in the log, no internal error, the next request is answered', async () => {
    const before = logs.length;
    await new Promise<void>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write('POST /v1/probe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"host":"127.');
        setTimeout(() => s.destroy(), 50);
      });
      s.on('close', () => resolve());
    });
    // The request log line comes when the backend has dealt with the request.
    for (let i = 0; i < 100 && !logs.slice(before).some((l) => l.includes('"path":"/v1/probe"')); i++) await new Promise((r) => setTimeout(r, 10));
    const lines = logs.slice(before).map((l) => JSON.parse(l) as { msg: string; status?: number; path?: string });
    expect(lines.find((l) => l.path === '/v1/probe')).toMatchObject({ msg: 'request', status: 400 });
    expect(lines.some((l) => l.msg === 'internal error')).toBe(false);
    expect((await send('GET', '/v1/health', {})).status).toBe(200);
  });

  it('400 invalid_json for a body that is not JSON, and for an empty one', async () => {
    for (const body of ['{"host":', '']) {
      const r = await send('POST', '/v1/probe', { ...json, 'content-length': Buffer.byteLength(body) }, [body]);
      expect(r.status, body).toBe(400);
      expect(JSON.parse(r.body).error.code).toBe('invalid_json');
    }
  });

  it('CORS headers for the extension on answers and on the preflight; none for a missing origin', async () => {
    const ok = await send('GET', '/v1/health', { origin: ORIGIN });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(ok.headers.vary).toMatch(/Origin/);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
    const err = await send('POST', '/v1/probe', { ...json, origin: ORIGIN, 'content-length': 2 }, ['{}']);
    expect(err.status).toBe(400);
    expect(err.headers['access-control-allow-origin']).toBe(ORIGIN);
    const pre = await send('OPTIONS', '/v1/probe', { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
    expect(pre.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
    expect(pre.headers['access-control-max-age']).toBe('600');
    const none = await send('GET', '/v1/health', {});
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
  });
});
