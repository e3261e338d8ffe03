import { createRequire } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

/**
 * A small SMTP client for the probe: one socket, explicit phases, and hard limits that nodemailer does
 * not give us (an absolute timeout per phase — a trickling server never resets it — one overall
 * deadline, and caps on line length, reply lines and total bytes).
 */

/** Stable error codes, carried on every SmtpError (as nodemailer does). */
export type SmtpErrorCode =
  | 'ETIMEDOUT'
  | 'EDEADLINE'
  | 'ECONNREFUSED'
  | 'EUNREACH'
  | 'ECLOSED'
  | 'ETOOBIG'
  | 'EPROTOCOL'
  | 'ETLS';

export class SmtpError extends Error {
  constructor(
    readonly code: SmtpErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export interface SmtpReply {
  code: number;
  /** Enhanced status code (RFC 3463) of the first line, e.g. "5.7.139". */
  enhanced?: string;
  lines: string[];
  /** All lines' text after the code, joined by a space. */
  text: string;
}

export const replyText = (r: SmtpReply) => `${r.code} ${r.text}`.trim();

export interface Limits {
  lineBytes: number;
  replyLines: number;
  sessionBytes: number;
}

/** One overall deadline that every phase timeout is clipped to. */
export class Budget {
  deadline: number;
  constructor(totalMs: number) {
    this.deadline = Date.now() + totalMs;
  }
  /** Ends the budget now: every later phase gets no time (the caller went away). */
  stop() {
    this.deadline = Math.min(this.deadline, Date.now());
  }
  /** The time a phase may take: its own limit or what is left overall, whichever is less. */
  phase(ms: number): { ms: number; code: SmtpErrorCode } {
    const left = this.deadline - Date.now();
    return left < ms ? { ms: Math.max(0, left), code: 'EDEADLINE' } : { ms, code: 'ETIMEDOUT' };
  }
}

const REPLY_LINE = /^(\d{3})(?:([ -])(.*))?$/;

export interface TlsDetails {
  protocol: string;
  cipher: string;
  authorized: boolean;
  authorizationError?: string;
  hostnameMatches: boolean;
  cert?: tls.PeerCertificate;
}

/*
 * Why a probe used to lose ~40 ms after every TLS handshake, and the fix.
 *
 * A packet capture on loopback against Postfix 3.7 (tcpdump -i lo, port 465) shows it:
 *   client → server  TLS Finished                     (80 bytes)
 *   server → client  2 × TLS 1.3 NewSessionTicket      (255 bytes, one segment)
 *   ... 44 ms nothing ...
 *   client → server  ACK
 *   server → client  "220 mail.test.nl ESMTP"          (67 bytes)
 * The server writes the tickets and then, microseconds later, its greeting (465) or its reply to the
 * EHLO we sent right after the handshake (587). Nagle's algorithm on the server holds that second small
 * write until the first is acknowledged. Our kernel delays that ACK: the connection is in "ping-pong"
 * mode (we answered the server's previous flight at once, so Linux expects to piggyback the ACK on our
 * next write), and a 255-byte segment is not a full one, so the delayed-ACK timer (40 ms minimum) runs.
 * With TLS 1.2 it is the same with the server's Finished in place of the tickets (465). Neither
 * `noDelay` on our socket (the held write is the server's), nor refusing tickets (the server still
 * sends them), nor TLS 1.2 changes it. swaks happens to escape it on 587 only because Perl is slow
 * enough that its EHLO leaves after the tickets arrived, carrying the ACK; on 465 it waits too.
 *
 * The fix on our side: acknowledge at once what arrives at the end of the handshake. TCP_QUICKACK on
 * our socket, set when the handshake completes and again when a session ticket arrives, makes Linux
 * send the pending ACK now instead of at the timer; the server's held greeting or reply follows in
 * microseconds. Node has no API for it, so the optional `sockopt` package (N-API, prebuilt for
 * linux-x64) sets it; without it (other platforms) a TLS 1.3 connection waits briefly for the first
 * ticket before our first write, so that write carries the ACK (what fixes 587; 465 then keeps its wait).
 */
const IPPROTO_TCP = 6;
const TCP_QUICKACK = 12;
type SetSockOpt = (socket: net.Socket, level: number, name: number, value: number) => void;
let setsockopt: SetSockOpt | null | undefined;

/** True when TCP_QUICKACK can be set here (Linux with the optional `sockopt` package). */
export function canAckPromptly(): boolean {
  if (setsockopt === undefined) {
    try {
      // PROBE_NO_QUICKACK=1 turns it off, so the bench can measure the fallback.
      setsockopt = process.platform === 'linux' && process.env.PROBE_NO_QUICKACK !== '1' ? (createRequire(import.meta.url)('sockopt') as { setsockopt: SetSockOpt }).setsockopt : null;
    } catch {
      setsockopt = null;
    }
  }
  return setsockopt !== null;
}

/** Sends a pending delayed ACK now (TCP_QUICKACK); a no-op where it is not available or the socket is gone. */
export function ackPromptly(socket: net.Socket): void {
  if (!canAckPromptly() || socket.destroyed) return;
  try {
    setsockopt!(socket, IPPROTO_TCP, TCP_QUICKACK, 1);
  } catch {
    /* not a TCP socket with a descriptor (any more): nothing to speed up */
  }
}

const contexts = new Map<string, tls.SecureContext>();
/**
 * One TLS client context per set of extra CAs, made once. Building it per connection parsed Node's ~140
 * root certificates plus the extra ones every time: ~25 ms of CPU in each handshake on this machine.
 */
function secureContextFor(ca: string[] | undefined): tls.SecureContext {
  const key = ca?.length ? ca.join('\n') : '';
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext(ca?.length ? { ca: [...tls.rootCertificates, ...ca] } : {});
    if (contexts.size > 16) contexts.clear();
    contexts.set(key, ctx);
  }
  return ctx;
}

export class SmtpConnection {
  private socket: net.Socket;
  private buf = '';
  private lines: string[] = [];
  private failure?: SmtpError;
  private notify?: () => void;
  private total = 0;
  /** Bytes received so far (0 = the server has said nothing yet). */
  received = 0;
  private readonly onData = (chunk: Buffer) => this.ingest(chunk);
  private readonly onEnd = () => this.fail(new SmtpError('ECLOSED', 'connection closed by the server'));
  private readonly onError = (e: Error) => this.fail(new SmtpError('ECLOSED', `connection error: ${(e as NodeJS.ErrnoException).code ?? e.message}`));

  private constructor(
    socket: net.Socket,
    private readonly limits: Limits,
  ) {
    this.socket = socket;
    this.attach();
  }

  get encrypted(): boolean {
    return this.socket instanceof tls.TLSSocket;
  }

  /** TCP connect to an IP literal (already checked by the guard). */
  static connect(address: string, port: number, timeout: { ms: number; code: SmtpErrorCode }, limits: Limits): Promise<SmtpConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: address, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new SmtpError(timeout.code, `no TCP connection within ${timeout.ms} ms`));
      }, timeout.ms);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new SmtpConnection(socket, limits));
      });
      socket.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        if (e.code === 'ECONNREFUSED') reject(new SmtpError('ECONNREFUSED', 'connection refused'));
        else if (e.code === 'ETIMEDOUT') reject(new SmtpError('ETIMEDOUT', 'connection timed out'));
        else reject(new SmtpError('EUNREACH', `cannot connect: ${e.code ?? e.message}`, e.code));
      });
    });
  }

  private attach() {
    this.socket.on('data', this.onData);
    this.socket.on('end', this.onEnd);
    this.socket.on('close', this.onEnd);
    this.socket.on('error', this.onError);
  }

  private detach() {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
  }

  private fail(e: SmtpError) {
    if (!this.failure) this.failure = e;
    this.notify?.();
  }

  private ingest(chunk: Buffer) {
    this.received += chunk.length;
    this.total += chunk.length;
    if (this.total > this.limits.sessionBytes) {
      this.fail(new SmtpError('ETOOBIG', `the server sent more than ${this.limits.sessionBytes} bytes`));
      this.socket.destroy();
      return;
    }
    this.buf += chunk.toString('latin1');
    const tooLong = () => {
      this.fail(new SmtpError('ETOOBIG', `a reply line is longer than ${this.limits.lineBytes} bytes`));
      this.socket.destroy();
    };
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl).replace(/\r$/, '');
      this.buf = this.buf.slice(nl + 1);
      // A complete line is held to the cap too, also when it ends in the chunk that brought it.
      if (line.length > this.limits.lineBytes) return tooLong();
      this.lines.push(line);
    }
    // An unfinished line that is already over the cap will not get shorter.
    if (this.buf.length > this.limits.lineBytes) return tooLong();
    this.notify?.();
  }

  /** Waits until a line arrives, the connection fails, or the time is up. */
  private wait(until: number, code: SmtpErrorCode): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.notify = undefined;
        reject(new SmtpError(code, code === 'EDEADLINE' ? 'overall time limit reached' : 'no complete reply in time'));
      }, Math.max(0, until - Date.now()));
      this.notify = () => {
        clearTimeout(timer);
        this.notify = undefined;
        resolve();
      };
    });
  }

  /** Reads one complete (possibly multi-line) reply within the phase's time. */
  async readReply(timeout: { ms: number; code: SmtpErrorCode }): Promise<SmtpReply> {
    const until = Date.now() + timeout.ms;
    const lines: string[] = [];
    let code: number | undefined;
    for (;;) {
      while (this.lines.length) {
        const line = this.lines.shift()!;
        const m = REPLY_LINE.exec(line);
        if (!m) throw this.abort(new SmtpError('EPROTOCOL', 'the server sent something that is not an SMTP reply', line.slice(0, 80)));
        const lineCode = Number(m[1]);
        if (code !== undefined && lineCode !== code) throw this.abort(new SmtpError('EPROTOCOL', 'reply lines with different codes'));
        code = lineCode;
        lines.push(m[3] ?? '');
        if (lines.length > this.limits.replyLines) throw this.abort(new SmtpError('ETOOBIG', `a reply has more than ${this.limits.replyLines} lines`));
        if (m[2] !== '-') {
          const enhanced = /^([245]\.\d{1,3}\.\d{1,3})\b/.exec(lines[0] ?? '')?.[1];
          return { code, enhanced, lines, text: lines.join(' ').trim() };
        }
      }
      if (this.failure) {
        throw lines.length && this.failure.code === 'ECLOSED' ? new SmtpError('ECLOSED', 'connection closed in the middle of a reply') : this.failure;
      }
      await this.wait(until, timeout.code);
    }
  }

  private abort(e: SmtpError): SmtpError {
    this.failure ??= e;
    this.socket.destroy();
    return e;
  }

  write(line: string) {
    if (this.failure) throw this.failure;
    this.socket.write(`${line}\r\n`);
  }

  async command(line: string, timeout: { ms: number; code: SmtpErrorCode }): Promise<SmtpReply> {
    this.write(line);
    return this.readReply(timeout);
  }

  /**
   * Starts TLS on this connection (implicit TLS right after connect, or after "220" to STARTTLS).
   * The certificate is checked but not enforced here, so the report can say what is wrong with it;
   * the caller decides whether credentials may follow.
   */
  upgrade(opts: { servername?: string; checkName: string; ca?: string[] }, timeout: { ms: number; code: SmtpErrorCode }): Promise<TlsDetails> {
    if (this.failure) return Promise.reject(this.failure);
    // Anything the server sent after its "220" but before the handshake is an injection attempt: drop it.
    this.lines = [];
    this.buf = '';
    this.detach();
    const raw = this.socket;
    return new Promise((resolve, reject) => {
      const secure = tls.connect({
        socket: raw,
        servername: opts.servername,
        rejectUnauthorized: false,
        // `authorized` then means "chain trusted"; the name is checked below against checkName.
        checkServerIdentity: () => undefined,
        secureContext: secureContextFor(opts.ca),
      });
      const timer = setTimeout(() => {
        secure.destroy();
        reject(new SmtpError(timeout.code, `no TLS handshake within ${timeout.ms} ms`));
      }, timeout.ms);
      const started = Date.now();
      let ticket = false;
      let onTicket: (() => void) | undefined;
      // See ackPromptly: TLS 1.3 session tickets arrive after the handshake, just before the server's next write.
      secure.on('session', () => {
        ticket = true;
        ackPromptly(raw);
        onTicket?.();
      });
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        secure.removeAllListeners('error');
        // TLS 1.2: the server's Finished just arrived and its greeting (implicit TLS) may be held behind it.
        ackPromptly(raw);
        this.socket = secure;
        this.attach();
        const cert = secure.getPeerCertificate();
        const hasCert = cert && Object.keys(cert).length > 0;
        const details: TlsDetails = {
          protocol: secure.getProtocol() ?? 'unknown',
          cipher: secure.getCipher()?.name ?? 'unknown',
          authorized: secure.authorized,
          authorizationError: secure.authorizationError ? String((secure.authorizationError as Error & { code?: string }).code ?? secure.authorizationError) : undefined,
          hostnameMatches: hasCert ? tls.checkServerIdentity(opts.checkName, cert) === undefined : false,
          cert: hasCert ? cert : undefined,
        };
        if (canAckPromptly() || ticket || details.protocol !== 'TLSv1.3') return resolve(details);
        // Without TCP_QUICKACK: let our first write leave after the server's tickets, so it carries their
        // ACK. The tickets come about one round trip after our Finished; a server that sends none costs at
        // most about one handshake's time here.
        const wait = setTimeout(() => resolve(details), Math.min(50, Math.max(5, Date.now() - started)));
        onTicket = () => {
          onTicket = undefined;
          clearTimeout(wait);
          // Not from inside the 'session' event: a write while OpenSSL is still reading the ticket stalls.
          setImmediate(() => resolve(details));
        };
      });
      secure.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        secure.destroy();
        reject(new SmtpError('ETLS', `TLS handshake failed: ${e.code ?? e.message}`, e.code ?? e.message));
      });
    });
  }

  /** QUIT politely, but do not wait long for the answer. */
  async quit(ms = 300): Promise<void> {
    try {
      if (!this.failure) await this.command('QUIT', { ms, code: 'ETIMEDOUT' });
    } catch {
      /* the server may close first; that is fine */
    } finally {
      this.close();
    }
  }

  close() {
    this.detach();
    this.socket.on('error', () => {});
    this.socket.destroy();
  }
}
