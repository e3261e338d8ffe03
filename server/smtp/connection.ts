import net from 'node:net';
import tls from 'node:tls';
import { SmtpError, type SmtpErrorCode } from './errors';
import { REPLY_LINE, type SmtpReply } from './reply';
import { startTls, type TlsDetails } from './tls-handshake';

/**
 * A small SMTP client for the probe: one socket, explicit phases, and hard limits that nodemailer does
 * not give us (an absolute timeout per phase — a trickling server never resets it — one overall
 * deadline (budget.ts), and caps on line length, reply lines and total bytes).
 */

export interface Limits {
  lineBytes: number;
  replyLines: number;
  sessionBytes: number;
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
    return startTls(this.socket, opts, timeout, (secure) => {
      this.socket = secure;
      this.attach();
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
