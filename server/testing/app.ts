import { Writable } from 'node:stream';
import { createApp, type App, type AppDeps } from '../app';
import { makeConfig, type ConfigInput } from '../config';

export interface TestApp {
  app: App;
  /** Every log line this app wrote. */
  logs: string[];
  /** Every response body this helper saw. */
  bodies: string[];
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>;
}

/** createApp with a log collector and a request helper that keeps every response body (for the secrecy test). */
export function testApp(input: ConfigInput, deps: AppDeps = {}, sink?: { logs: string[]; bodies: string[] }): TestApp {
  const logs = sink?.logs ?? [];
  const bodies = sink?.bodies ?? [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = createApp(makeConfig({ allowedCidrs: ['127.0.0.0/8'], ...input }), { logStream, logLevel: 'debug', ...deps });
  const send = async (path: string, init: RequestInit) => {
    const res = await app.request(path, init);
    const text = await res.text();
    bodies.push(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  };
  return {
    app,
    logs,
    bodies,
    post: (path, body, headers = {}) =>
      send(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    get: (path, headers = {}) => send(path, { method: 'GET', headers }),
  };
}

/** Asserts that no text contains a secret, its base64 form, or the AUTH PLAIN blob. */
export function secretForms(secrets: Array<{ user?: string; pass: string }>): string[] {
  const out: string[] = [];
  for (const { user, pass } of secrets) {
    out.push(pass, Buffer.from(pass).toString('base64').replace(/=+$/, ''));
    if (user) out.push(Buffer.from(`\0${user}\0${pass}`).toString('base64').replace(/=+$/, ''));
  }
  return out;
}
