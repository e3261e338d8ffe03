import type { PortMode, ProbeStep, TlsInfo } from '../../lib/api';
import type { Finding } from '../../lib/findings';
import type { Encryption } from '../../lib/settings';
import { scrub } from '../log';
import type { Phase } from '../replies';
import { Budget } from '../smtp/budget';
import { SmtpError } from '../smtp/errors';
import { replyText, type SmtpReply } from '../smtp/reply';
import { errorFinding, whitelistScope } from './findings';
import type { ProbeHooks, ProbeInput, ProbeOptions, ProbeResult, ProbeTarget, TlsTarget } from './types';

/**
 * The state of one probe while it runs: the steps so far (each pushed to the stream the moment it is done),
 * the findings, what was learnt about the server, and the one overall budget every phase draws from.
 * The phases (greeting.ts, ehlo.ts, tls.ts, auth.ts) read and add to it; `finish` turns it into the report.
 */
export class ProbeRun {
  readonly started = Date.now();
  readonly budget: Budget;
  readonly steps: ProbeStep[] = [];
  readonly findings: Finding[] = [];
  readonly server: ProbeResult['server'] = { extensions: [], authMechanisms: [], startTls: false };
  tlsInfo: TlsInfo | undefined;
  portMode: PortMode = 'unknown';
  recommended: Encryption | undefined;
  readonly tlsTarget: TlsTarget;
  private readonly secrets: string[];

  constructor(
    readonly input: ProbeInput,
    readonly target: ProbeTarget,
    readonly opts: ProbeOptions,
    private readonly hooks: ProbeHooks,
  ) {
    this.budget = new Budget(opts.timeouts.overall);
    // A client that went away: the phase under way ends at its own timeout, every later phase at once.
    if (hooks.signal?.aborted) this.budget.stop();
    else hooks.signal?.addEventListener('abort', () => this.budget.stop(), { once: true });
    const auth = input.auth;
    this.secrets = auth?.method === 'password' ? [auth.password, `\0${auth.username}\0${auth.password}`] : [];
    this.tlsTarget = { servername: target.isName ? target.host : undefined, checkName: target.host, ca: opts.extraCa };
  }

  get t() {
    return this.opts.timeouts;
  }

  /** Server text as shown to the admin: never the password (nor its AUTH PLAIN form), and short. */
  clean(s: string): string {
    return scrub(s, this.secrets, false).slice(0, 300);
  }

  /** Every step goes through here, so a streaming client sees it the moment it is done. */
  push(step: ProbeStep): void {
    this.steps.push(step);
    try {
      this.hooks.onStep?.(step);
    } catch {
      /* a listener's failure must not change the probe */
    }
  }

  /** A step that failed on the wire (no SMTP reply), with the finding for that failure. */
  failStep(step: ProbeStep['step'], e: unknown, since: number, phase: Phase): void {
    const err = e instanceof SmtpError ? e : new SmtpError('EPROTOCOL', String((e as Error)?.message ?? e));
    this.push({ step, status: 'fail', ms: Date.now() - since, code: err.code, message: this.clean(err.message) });
    this.findings.push(errorFinding(err, phase, this.input.port));
  }

  replyStep(step: ProbeStep['step'], r: SmtpReply, ms: number, status: ProbeStep['status'], code?: string): void {
    this.push({ step, status, ms, code, reply: this.clean(replyText(r)) });
  }

  detected(portMode: PortMode, recommended: Encryption | undefined): void {
    this.portMode = portMode;
    this.recommended = recommended;
  }

  /** The report: steps never reached are "skipped", and "ok" means the CRM can use these settings as they are. */
  finish(): ProbeResult {
    for (const s of ['connect', 'greeting', 'ehlo', 'tls', 'auth'] as const) {
      if (!this.steps.some((x) => x.step === s)) this.push({ step: s, status: 'skipped', ms: 0 });
    }
    const { input, target, steps, findings } = this;
    if (input.auth?.method === 'ip-whitelist') findings.push(whitelistScope(this.opts));
    return {
      // "ok" means: nothing failed, no error-level problem (an untrusted certificate, a password in clear),
      // and a requested login really succeeded.
      ok:
        !steps.some((s) => s.status === 'fail') &&
        !findings.some((f) => f.severity === 'error') &&
        (input.auth?.method !== 'password' || steps.some((s) => s.step === 'auth' && s.status === 'ok')),
      target: { host: target.host, port: input.port, address: target.address, addresses: target.addresses },
      ms: Date.now() - this.started,
      steps,
      server: this.server,
      tls: this.tlsInfo,
      detected: { portMode: this.portMode, recommendedEncryption: this.recommended },
      findings,
    };
  }
}
