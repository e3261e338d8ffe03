import { findingForReply } from '../replies';
import { SmtpConnection } from '../smtp/connection';
import { replyText, type SmtpReply } from '../smtp/reply';
import { SIDE_AFTER_MS, sideImplicitTls } from './diagnose';
import type { ProbeRun } from './run';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** TCP connect. Undefined when it failed (the step and finding are recorded). */
export async function connectPhase(run: ProbeRun): Promise<SmtpConnection | undefined> {
  const { target, input } = run;
  const s = Date.now();
  try {
    const conn = await SmtpConnection.connect(target.address, input.port, run.budget.phase(run.t.connect), run.opts.limits);
    run.push({ step: 'connect', status: 'ok', ms: Date.now() - s, message: `${target.address}:${input.port}` });
    return conn;
  } catch (e) {
    run.failStep('connect', e, s, 'greeting');
    run.detected('unreachable', undefined);
    return undefined;
  }
}

/**
 * The server's greeting. A port that stays silent may be waiting for a TLS ClientHello (implicit TLS
 * chosen as "Gebruik TLS"): after SIDE_AFTER_MS of silence a side connection tries a handshake, and the
 * first conclusive answer decides: a greeting on the main connection (it speaks SMTP, however late) or a
 * completed handshake on the side (it expects TLS). A side answer in plain text, or none, decides nothing:
 * the main connection then waits for its greeting as long as configured, so a late greeter (a postscreen
 * greet pause) is diagnosed right and a port that never answers ends as a greeting time-out.
 * True when a 220 came and the dialogue goes on.
 */
export async function greetingPhase(run: ProbeRun, conn: SmtpConnection): Promise<boolean> {
  const { t, input } = run;
  const s = Date.now();
  let greeting: SmtpReply;
  try {
    const g = conn.readReply(run.budget.phase(t.greeting)).then(
      (r) => ({ r }),
      (e: unknown) => ({ e }),
    );
    let outcome = await Promise.race([g, sleep(Math.min(t.silence, SIDE_AFTER_MS, t.greeting)).then(() => 'silence' as const)]);
    if (outcome === 'silence' && conn.received === 0 && input.encryption !== 'ssl') {
      type Settled = Awaited<typeof g>;
      const side = sideImplicitTls(run);
      const first: Settled | 'implicit' = await Promise.race([g, side.result.then<Settled | 'implicit'>((yes) => (yes ? 'implicit' : g))]);
      side.cancel();
      if (first === 'implicit') {
        conn.close();
        run.push({ step: 'greeting', status: 'fail', ms: Date.now() - s, code: 'EIMPLICITTLS', message: 'no greeting: this port expects TLS from the first byte' });
        run.detected('implicit-tls', 'ssl');
        run.findings.push({ code: 'port-expects-ssl', severity: 'error', field: 'encryption', params: { port: input.port }, fix: { encryption: 'ssl' } });
        return false;
      }
      outcome = first;
    }
    const settled = outcome === 'silence' ? await g : outcome;
    if ('e' in settled) throw settled.e;
    greeting = settled.r;
  } catch (e) {
    run.failStep('greeting', e, s, 'greeting');
    return false;
  }
  run.server.banner = run.clean(greeting.text);
  if (greeting.code !== 220) {
    run.replyStep('greeting', greeting, Date.now() - s, 'fail', `SMTP_${greeting.code}`);
    run.findings.push(findingForReply(greeting, 'greeting', run.clean(replyText(greeting))));
    return false;
  }
  run.replyStep('greeting', greeting, Date.now() - s, 'ok');
  return true;
}
