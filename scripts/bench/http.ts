// The bench's HTTP client: node:http with a keep-alive agent, so that a figure is the backend's time and
// not the client's. Node's fetch (undici) spends about 1 ms more of client CPU per request on the bench
// machine; the extension's fetch is the browser's own. One figure per case still goes through fetch.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 1000 });

export interface Answer {
  status: number;
  json: unknown;
  headers: http.IncomingHttpHeaders;
}

/** POST `body` as JSON to `url` (http only); resolves when the whole answer is read. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const u = new URL(url);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown, headers: res.headers });
          } catch {
            resolve({ status: res.statusCode ?? 0, json: text, headers: res.headers });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

export function closeAgent(): void {
  agent.destroy();
}

/** The durations of a Server-Timing header ("smtp;dur=4.1, app;dur=0.5") by name, in ms. */
export function serverTiming(headers: http.IncomingHttpHeaders): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of String(headers['server-timing'] ?? '').split(',')) {
    const m = /^\s*([\w-]+);dur=([\d.]+)\s*$/.exec(part);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}
