import { SmtpConnection, type Budget } from '../smtp-client';
import type { ProbeOptions, TlsTarget } from './types';

/**
 * Side connections that find out what a port really speaks when the chosen encryption does not fit.
 * They never carry credentials and end with QUIT or a close.
 */

/** A second, short connection: does this port complete a TLS handshake right away (implicit TLS)? */
export async function detectImplicitTls(address: string, port: number, tlsTarget: TlsTarget, opts: ProbeOptions, budget: Budget): Promise<boolean> {
  let c: SmtpConnection | undefined;
  try {
    c = await SmtpConnection.connect(address, port, budget.phase(Math.min(opts.timeouts.connect, 1500)), opts.limits);
    await c.upgrade(tlsTarget, budget.phase(Math.min(opts.timeouts.tls, 1500)));
    return true;
  } catch {
    return false;
  } finally {
    c?.close();
  }
}

/** A second, short connection in the clear: does this port greet, and does it offer STARTTLS? */
export async function detectPlain(address: string, port: number, opts: ProbeOptions, budget: Budget): Promise<'starttls' | 'plain' | undefined> {
  let c: SmtpConnection | undefined;
  try {
    c = await SmtpConnection.connect(address, port, budget.phase(Math.min(opts.timeouts.connect, 1500)), opts.limits);
    const g = await c.readReply(budget.phase(Math.min(opts.timeouts.greeting, 2000)));
    if (g.code !== 220) return undefined;
    const r = await c.command(`EHLO ${opts.ehloName}`, budget.phase(Math.min(opts.timeouts.command, 2000)));
    if (r.code !== 250) return 'plain';
    await c.quit(200);
    return r.lines.some((l) => /^STARTTLS\b/i.test(l.trim())) ? 'starttls' : 'plain';
  } catch {
    return undefined;
  } finally {
    c?.close();
  }
}
