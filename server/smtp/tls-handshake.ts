import net from 'node:net';
import tls from 'node:tls';
import { SmtpError, type SmtpErrorCode } from './errors';
import { ackPromptly, canAckPromptly } from './quick-ack';

export interface TlsDetails {
  protocol: string;
  cipher: string;
  authorized: boolean;
  authorizationError?: string;
  hostnameMatches: boolean;
  cert?: tls.PeerCertificate;
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

/** Builds the client context at start-up (main.ts), so that the first probe does not pay for it (~60 ms on the bench machine). */
export function warmTlsContext(ca: string[] | undefined): void {
  secureContextFor(ca);
}

/**
 * The TLS handshake on a connected socket (implicit TLS right after connect, or after "220" to STARTTLS).
 * The certificate is checked but not enforced, so the report can say what is wrong with it. `onSecure`
 * gets the TLS socket the moment the handshake completes, before anything the server sends next.
 */
export function startTls(raw: net.Socket, opts: { servername?: string; checkName: string; ca?: string[] }, timeout: { ms: number; code: SmtpErrorCode }, onSecure: (secure: tls.TLSSocket) => void): Promise<TlsDetails> {
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
      onSecure(secure);
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
