import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the production bundle (scripts/build-server.mjs) to dist-server/<name>/main.mjs; node_modules resolve from the repo. */
export function buildServer(name: string): string {
  const out = resolve(ROOT, 'dist-server', name, 'main.mjs');
  const r = spawnSync(process.execPath, [resolve(ROOT, 'scripts/build-server.mjs'), out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  return out;
}

/** The Environment= lines and the ExecStart= command of deploy/mailserver-assistent@.service, with %i filled in. */
export function systemdUnit(instance: string): { env: Record<string, string>; exec: string[] } {
  const text = readFileSync(resolve(ROOT, 'deploy/mailserver-assistent@.service'), 'utf8').replaceAll('%i', instance);
  const env: Record<string, string> = {};
  let exec: string[] = [];
  for (const line of text.split('\n')) {
    const e = /^Environment=([A-Z_]+)=(.*)$/.exec(line.trim());
    if (e) env[e[1]!] = e[2]!;
    const x = /^ExecStart=(.*)$/.exec(line.trim());
    if (x) exec = x[1]!.split(/\s+/);
  }
  return { env, exec };
}

export interface Instance {
  port: number;
  child: ChildProcess;
  out: string[];
  exited: Promise<number | null>;
  /** Log lines (JSON) so far. */
  lines(): Array<Record<string, unknown>>;
}

function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((res, rej) => {
    const once = () => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        res();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > until) rej(new Error(`nothing listens on ${port}`));
        else setTimeout(once, 50);
      });
    };
    once();
  });
}

/**
 * One backend instance as the systemd unit starts it: its Environment= lines, then `env` on top (test
 * ports, Redis, CA), and ExecStart's `node … dist-server/main.mjs` with the bundle given.
 */
export async function startInstance(bundle: string, port: number, env: Record<string, string>): Promise<Instance> {
  const unit = systemdUnit(String(port));
  const args = unit.exec.slice(1).map((a) => (a.endsWith('main.mjs') ? bundle : a));
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...unit.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  child.stdout!.on('data', (d) => out.push(...String(d).split('\n').filter(Boolean)));
  child.stderr!.on('data', (d) => out.push(...String(d).split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await Promise.race([waitForPort(port, 30_000).catch((e) => Promise.reject(new Error(`${(e as Error).message}: ${out.join('\n')}`))), exited.then((c) => Promise.reject(new Error(`instance exited ${c}: ${out.join('\n')}`)))]);
  return {
    port,
    child,
    out,
    exited,
    lines: () =>
      out.flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
  };
}

export interface Nginx {
  port: number;
  stop(): Promise<void>;
}

/**
 * Debian's nginx, not as a daemon, with its own prefix, pid and temp paths in `dir`, serving the site file
 * deploy/nginx-mailserver-assistent.conf: its upstream servers replaced by `upstreams`, its listen lines by
 * one plain-HTTP port, its ssl_* lines left out.
 */
export async function startNginx(dir: string, port: number, upstreams: number[]): Promise<Nginx> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const site = readFileSync(resolve(ROOT, 'deploy/nginx-mailserver-assistent.conf'), 'utf8')
    .split('\n')
    .filter((l) => !/^\s*ssl_/.test(l) && !/^\s*server 127\.0\.0\.1:\d+/.test(l))
    .map((l) => (/^\s*listen\s/.test(l) ? '' : l))
    .join('\n')
    .replace(/upstream mailserver_assistent \{/, `upstream mailserver_assistent {\n${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}`)
    .replace(/server \{\n/, `server {\n    listen 127.0.0.1:${port};\n`);
  for (const d of ['logs', 'tmp']) mkdirSync(resolve(dir, d), { recursive: true });
  writeFileSync(resolve(dir, 'site.conf'), site);
  const root = process.getuid?.() === 0;
  writeFileSync(
    resolve(dir, 'nginx.conf'),
    `${root ? 'user root;\n' : ''}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log ${dir}/logs/access.log;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  include ${dir}/site.conf;
}
`,
  );
  const bin = ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(':').map((p) => `${p}/nginx`)].find((p) => {
    try {
      return spawnSync(p, ['-v']).status === 0;
    } catch {
      return false;
    }
  });
  if (!bin) throw new Error('nginx not found (apt-get install nginx)');
  const test = spawnSync(bin, ['-t', '-p', dir, '-c', `${dir}/nginx.conf`], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t: ${test.stderr}`);
  const child = spawn(bin, ['-p', dir, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;'], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await waitForPort(port, 10_000).catch((e) => {
    throw new Error(`${(e as Error).message}: ${readFileSync(resolve(dir, 'logs/error.log'), 'utf8').slice(-1000)}`);
  });
  return {
    port,
    stop: async () => {
      child.kill('SIGQUIT');
      await exited;
    },
  };
}
