// The backend for `npm run bench` as an operator runs it: the production build (`npm run serve` compiles
// server/main.ts into one module) in its own Node process, configured by environment only, logging at its
// default level to a file (as journald would take it). The bench process is the HTTP client, as the
// browser would be: client and backend no longer share one event loop.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { procStat } from './bench/proc';

export interface BenchBackend {
  base: string;
  pid: number;
  /** User + system CPU time (ms) the backend process has used so far, from /proc. */
  cpuMs(): number;
  /** The backend's log so far (for a secrecy check or a failure report). */
  log(): string;
  close(): Promise<void>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Builds the backend (scripts/build-server.mjs into dist-server/bench-<pid>.mjs, removed on close) and starts it with `env`. */
export async function startBackendProcess(env: Record<string, string>, extraCa: string[] = []): Promise<BenchBackend> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-backend-'));
  // Inside the repository (dist-server/ is ignored by git) so that packages resolve from its node_modules.
  const main = path.join(root, 'dist-server', `bench-${process.pid}.mjs`);
  await new Promise<void>((resolve, reject) => {
    const b = spawn(process.execPath, [path.join(root, 'scripts/build-server.mjs'), main], { stdio: ['ignore', 'ignore', 'inherit'] });
    b.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build-server exited ${code}`))));
  });
  const caFile = path.join(dir, 'extra-ca.pem');
  if (extraCa.length) writeFileSync(caFile, extraCa.join('\n'));
  const port = await freePort();
  const logFile = path.join(dir, 'backend.log');
  const out = openSync(logFile, 'a');
  // BENCH_BACKEND_NODE_ARGS: extra node flags for the backend only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = process.env.BENCH_BACKEND_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...(extraCa.length ? { PROBE_EXTRA_CA_FILE: caFile } : {}), ...env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`backend exited ${child.exitCode}: ${readFileSync(logFile, 'utf8').slice(-500)}`);
    try {
      const res = await fetch(`${base}/v1/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`backend did not answer /v1/health: ${readFileSync(logFile, 'utf8').slice(-500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    pid: child.pid!,
    cpuMs: () => procStat(child.pid!)?.cpuMs ?? NaN,
    log: () => readFileSync(logFile, 'utf8'),
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
      rmSync(main, { force: true });
      rmSync(`${main}.map`, { force: true });
    },
  };
}
