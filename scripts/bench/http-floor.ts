// The least any HTTP service can do for a probe: a bare node:http server in its own process that reads the
// request, runs the raw-socket floor (floor.ts, with TCP_QUICKACK as the probe uses) and answers JSON of the
// size the client asks for. No framework, no parsing beyond JSON.parse, no guard, no log. `npm run bench`
// measures it beside the backend: the backend's probe ÷ this is what the backend adds; this ÷ the floor
// is what any HTTP hop costs on the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { floor } from './floor';

export interface HttpFloorRequest {
  port: number;
  implicit: boolean;
  user: string;
  pass: string;
  /** Bytes of the JSON answer (the bench passes the size of a real probe report). */
  answerBytes: number;
}

function serve(): void {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      const r = JSON.parse(body) as HttpFloorRequest;
      floor(r.port, r.implicit, r.user, r.pass, true).then(
        (ms) => {
          const head = JSON.stringify({ ok: true, ms, pad: '' });
          const out = `${head.slice(0, -2)}${'x'.repeat(Math.max(0, r.answerBytes - head.length))}"}`;
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
          res.end(out);
        },
        (e: Error) => {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: e.message }));
        },
      );
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
}

/** Starts this file in its own Node process (through tsx) and resolves with its base URL. */
export function startHttpFloor(): Promise<{ base: string; close(): void }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`http-floor exited (${code})`)));
    child.stdout!.once('data', (d: Buffer) => resolve({ base: `http://127.0.0.1:${d.toString().trim()}`, close: () => child.kill() }));
  });
}

if (process.argv.includes('--serve')) serve();
