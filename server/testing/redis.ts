import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { closedPort } from './smtp';

export interface TestRedis {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tryOnce = () => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > until) reject(new Error(`redis-server did not start on ${port}`));
        else setTimeout(tryOnce, 25);
      });
    };
    tryOnce();
  });
}

/** A real redis-server on a random port, without persistence; stop() and start() again on the same port. */
/** redis-server from PATH (then the Debian location), or REDIS_SERVER. */
export function redisServerBin(): string {
  if (process.env.REDIS_SERVER) return process.env.REDIS_SERVER;
  for (const dir of [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/bin', '/usr/local/bin']) {
    const p = `${dir}/redis-server`;
    if (existsSync(p)) return p;
  }
  throw new Error('redis-server not found on PATH (apt-get install redis-server)');
}

export async function startRedis(bin = redisServerBin()): Promise<TestRedis> {
  const port = await closedPort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitForPort(port, 5000);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, start, stop };
}
