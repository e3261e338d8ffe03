import { Writable } from 'node:stream';
import { createApp, type App, type AppDeps } from '../app';
import { makeConfig, type ConfigInput } from '../config';
import { probeOkKey } from '../limits';

/**
 * Records "this client's probe of these settings succeeded", as a successful POST /v1/probe does. For tests of
 * what happens at send time when the server changed its mind after the probe (a password changed, a policy).
 * `client` is the client key: 'local' for app.request() without a socket.
 */
export function markProbed(app: App, s: { port: number; encryption: string; auth?: { method: string; username?: string } }, address = '127.0.0.1', client = 'local'): Promise<void> {
  return app.store.mark(probeOkKey(client, address, s.port, s.encryption, s.auth?.method === 'password' ? s.auth.username : undefined), 15 * 60_000);
}

export interface TestApp {
  app: App;
  /** Every log line this app wrote. */
  logs: string[];
  /** Every response body this helper saw. */
  bodies: string[];
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>;
  /** POST as if from socket peer `peer` (the client address the limits see, unless a trusted proxy forwards another). */
  postFrom(peer: string, path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>;
}

/**
 * Everything every test app of this test file logged or answered, and every password and validation code
 * that went through one: server/testing/secrecy-setup.ts checks after each file that no secret leaked.
 */
export const suiteSecrecy = { logs: [] as string[], bodies: [] as string[], passwords: new Set<string>(), users: new Set<string>(), codes: new Set<string>() };

/** Remembers the passwords (and their user names) in a request body: auth or settings.auth. */
function noteSecrets(body: unknown): void {
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return;
    }
  }
  const b = body as { auth?: { username?: unknown; password?: unknown }; settings?: { auth?: { username?: unknown; password?: unknown } } } | null;
  for (const auth of [b?.auth, b?.settings?.auth]) {
    if (typeof auth?.password === 'string' && auth.password.length >= 4) {
      suiteSecrecy.passwords.add(auth.password);
      if (typeof auth.username === 'string') suiteSecrecy.users.add(auth.username);
    }
  }
}

/** A code the backend accepted was a real one: it must never appear in a log line. */
function noteAcceptedCode(body: unknown, status: number): void {
  if (status !== 200 || typeof body !== 'string') return;
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    if (typeof code === 'string') suiteSecrecy.codes.add(code);
  } catch {
    /* not JSON */
  }
}

/** createApp with a log collector and a request helper that keeps every response body (for the secrecy test). */
export function testApp(input: ConfigInput, deps: AppDeps = {}, sink?: { logs: string[]; bodies: string[] }): TestApp {
  const logs = sink?.logs ?? [];
  const bodies = sink?.bodies ?? [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      suiteSecrecy.logs.push(String(chunk));
      cb();
    },
  });
  // Limits a test does not name are generous: the probe and validation tests send many probes with wrong
  // passwords, in parallel, from one client. The limit tests (limits.test.ts) name the limit they test.
  const config = makeConfig({
    allowedCidrs: ['127.0.0.0/8'],
    ...input,
    limits: { probesPerClient: 1000, ...input.limits },
    rates: { loginFailures: [1000, 3600], probePerTargetGlobal: [100_000, 60], validationPerRecipientGlobal: [100_000, 3600], validationPerTargetGlobal: [100_000, 3600], ...input.rates },
  });
  const app = createApp(config, { logStream, logLevel: 'debug', ...deps });
  const send = async (path: string, init: RequestInit, peer?: string) => {
    const res = await app.request(path, init, peer ? { incoming: { socket: { remoteAddress: peer } } } : undefined);
    const text = await res.text();
    bodies.push(text);
    suiteSecrecy.bodies.push(text);
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
    post: async (path, body, headers = {}) => {
      noteSecrets(body);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const r = await send(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
      if (path.endsWith('/confirm')) noteAcceptedCode(text, r.status);
      return r;
    },
    get: (path, headers = {}) => send(path, { method: 'GET', headers }),
    postFrom: async (peer, path, body, headers = {}) => {
      noteSecrets(body);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const r = await send(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text }, peer);
      if (path.endsWith('/confirm')) noteAcceptedCode(text, r.status);
      return r;
    },
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
