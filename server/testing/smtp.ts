import net from 'node:net';
import selfsigned from 'selfsigned';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface TestCert {
  key: string;
  cert: string;
}

/** A self-signed certificate for the given names (DNS names and IP literals), made by the test. */
export async function makeCert(names: string[] = ['smtp.test.nl', '127.0.0.1'], validity: { from?: Date; to?: Date } = {}): Promise<TestCert> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: names[0]! }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: validity.from ?? new Date(Date.now() - 60_000),
    notAfterDate: validity.to ?? new Date(Date.now() + 30 * 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: names.map((n) => (net.isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) }],
  });
  return { key: pems.private, cert: pems.cert };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

export interface TestSmtp {
  port: number;
  mails: ReceivedMail[];
  authAttempts: Array<{ method: string; username?: string }>;
  /** Resolves with the next mail received. */
  nextMail(): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Implicit TLS from the first byte (port 465 style). */
  secure?: boolean;
  /** Offer STARTTLS (default true when not secure). */
  starttls?: boolean;
  cert: TestCert;
  users?: Record<string, string>;
  /** Reply to every AUTH with this error instead of checking users (e.g. 535 5.7.139 …). */
  authError?: { code: number; message: string };
  /** Refuse MAIL FROM / RCPT TO with this reply. */
  mailError?: { code: number; message: string };
  rcptError?: { code: number; message: string };
  authMethods?: string[];
  /** Speak at most this TLS version (an old server: 'TLSv1' or 'TLSv1.1'). */
  maxTlsVersion?: 'TLSv1' | 'TLSv1.1';
}

/** A real SMTP server (smtp-server) on 127.0.0.1, port 0. */
export async function startSmtp(o: TestSmtpOptions): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const authAttempts: TestSmtp['authAttempts'] = [];
  let waiters: Array<(m: ReceivedMail) => void> = [];
  const fail = (e: { code: number; message: string }) => Object.assign(new Error(e.message), { responseCode: e.code });
  const options: SMTPServerOptions = {
    secure: o.secure ?? false,
    key: o.cert.key,
    cert: o.cert.cert,
    // OpenSSL 3 allows TLS 1.0/1.1 only at security level 0.
    ...(o.maxTlsVersion ? { minVersion: 'TLSv1', maxVersion: o.maxTlsVersion, ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
    disabledCommands: o.secure || o.starttls === false ? ['STARTTLS'] : [],
    authOptional: true,
    allowInsecureAuth: true,
    authMethods: o.authMethods ?? ['PLAIN', 'LOGIN'],
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, cb) {
      authAttempts.push({ method: auth.method, username: auth.username });
      if (o.authError) return cb(fail(o.authError));
      if (auth.username && o.users?.[auth.username] !== undefined && o.users[auth.username] === auth.password) return cb(null, { user: auth.username });
      return cb(fail({ code: 535, message: '5.7.8 Authentication credentials invalid' }));
    },
    onMailFrom(_a, _s, cb) {
      cb(o.mailError ? fail(o.mailError) : null);
    },
    onRcptTo(_a, _s, cb) {
      cb(o.rcptError ? fail(o.rcptError) : null);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        };
        mails.push(mail);
        const w = waiters;
        waiters = [];
        w.forEach((f) => f(mail));
        cb();
      });
    },
  };
  const server = new SMTPServer(options);
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    port,
    mails,
    authAttempts,
    nextMail: () => new Promise((resolve) => waiters.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A raw TCP server that misbehaves on purpose; `handle` gets each socket. */
export async function startRaw(handle: (socket: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    handle(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Connects a held (paused) client socket to a local upstream port and pipes both ways; either side closing closes both. */
function pipeTo(sock: net.Socket, port: number): void {
  if (sock.destroyed) return;
  const up = net.connect(port, '127.0.0.1');
  up.on('error', () => sock.destroy());
  sock.on('close', () => up.destroy());
  up.on('close', () => sock.destroy());
  sock.pipe(up);
  up.pipe(sock);
  sock.resume();
}

/**
 * A real server behind a greet pause (postscreen-style): each connection is held for `delayMs`, then piped
 * to `port` (e.g. a startSmtp server, which greets ~100 ms after that). Bytes a client sends early are
 * passed on after the pause. `accepted` counts the connections taken.
 */
export async function startLateGreeter(port: number, delayMs: number): Promise<{ port: number; accepted: () => number; close(): Promise<void> }> {
  let accepted = 0;
  const raw = await startRaw((sock) => {
    accepted++;
    sock.pause();
    const timer = setTimeout(() => pipeTo(sock, port), delayMs);
    sock.on('close', () => clearTimeout(timer));
  });
  return { port: raw.port, accepted: () => accepted, close: raw.close };
}

/** A raw server's connections, with a promise for the next one: a positive signal that a client is connected. */
export function acceptSignal(): { handle: (socket: net.Socket) => void; next(): Promise<net.Socket>; count(): number } {
  let n = 0;
  let waiters: Array<(s: net.Socket) => void> = [];
  return {
    handle: (s) => {
      n++;
      const w = waiters;
      waiters = [];
      w.forEach((f) => f(s));
    },
    next: () => new Promise((resolve) => waiters.push(resolve)),
    count: () => n,
  };
}

/**
 * A gate in front of a server: connections are accepted and held until `open()`, then piped to `port`
 * (bytes sent meanwhile are passed on). Lets a test see a probe's "running" state as long as it needs,
 * without depending on how fast the probe is.
 */
export async function startGate(port: number): Promise<{ port: number; open(): void; close(): Promise<void> }> {
  let isOpen = false;
  const held: net.Socket[] = [];
  const pipe = (sock: net.Socket) => pipeTo(sock, port);
  const raw = await startRaw((sock) => {
    sock.pause();
    if (isOpen) pipe(sock);
    else held.push(sock);
  });
  return {
    port: raw.port,
    open() {
      isOpen = true;
      held.splice(0).forEach(pipe);
    },
    close: raw.close,
  };
}
