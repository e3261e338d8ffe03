import { SmtpConnection } from '../smtp/connection';
import type { ProbeRun } from './run';

/**
 * Side connections that find out what a port really speaks when the chosen encryption does not seem to
 * fit. They run beside the main connection, never carry credentials, and end with QUIT or a close.
 * `cancel()` ends one early (the main connection got its answer first); its result is then inconclusive.
 */
export interface Side<T> {
  result: Promise<T>;
  cancel(): void;
}

/**
 * How long the main connection may stay silent before a side connection asks the other question.
 * A correct probe on a server that greets at once (Postfix) or after smtp-server's 100 ms never starts one;
 * a wrong-encryption verdict comes this long plus one handshake after the connect.
 */
export const SIDE_AFTER_MS = 150;

function side<T>(run: ProbeRun, inconclusive: T, body: (c: SmtpConnection) => Promise<T>): Side<T> {
  let conn: SmtpConnection | undefined;
  let cancelled = false;
  const track = (c: SmtpConnection) => {
    conn = c;
    if (cancelled) c.close();
  };
  const { opts, target, input, budget } = run;
  const result = (async () => {
    try {
      const c = await SmtpConnection.connect(target.address, input.port, budget.phase(Math.min(opts.timeouts.connect, 1500)), opts.limits);
      track(c);
      if (cancelled) return inconclusive;
      return await body(c);
    } catch {
      return inconclusive;
    } finally {
      conn?.close();
    }
  })();
  return {
    result,
    cancel() {
      cancelled = true;
      conn?.close();
    },
  };
}

/** Does this port complete a TLS handshake right away (implicit TLS)? A plain server answers the ClientHello with text: false. */
export function sideImplicitTls(run: ProbeRun): Side<boolean> {
  return side(run, false, async (c) => {
    // As long as any handshake may take: a slow implicit-TLS server must still be recognised while the
    // main connection waits (up to its greeting time-out) for a greeting that will not come.
    await c.upgrade(run.tlsTarget, run.budget.phase(run.opts.timeouts.tls));
    return true;
  });
}

/** In the clear: does this port greet, and does it offer STARTTLS? Waits for a late greeting as long as the main connection would. */
export function sidePlain(run: ProbeRun): Side<'starttls' | 'plain' | undefined> {
  const t = run.opts.timeouts;
  return side(run, undefined, async (c) => {
    const g = await c.readReply(run.budget.phase(t.greeting));
    if (g.code !== 220) return undefined;
    const r = await c.command(`EHLO ${run.opts.ehloName}`, run.budget.phase(Math.min(t.command, 2000)));
    if (r.code !== 250) return 'plain';
    await c.quit(200);
    return r.lines.some((l) => /^STARTTLS\b/i.test(l.trim())) ? 'starttls' : 'plain';
  });
}
