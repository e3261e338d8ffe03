import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import { ProbeRequest, type ProbeReport, type ProbeStep, type ProbeStreamLine } from '../../lib/api';
import type { Finding } from '../../lib/findings';
import { checkSettings } from '../../lib/rules';
import type { ServerCtx } from '../context';
import { guardTarget, type GuardResult } from '../guard';
import { errorBody, guardError, issueError, readJson } from '../http-errors';
import { scrub } from '../log';
import { runProbe, type ProbeHooks } from '../probe';
import { addCertNameFix } from '../probing/cert-name-fix';

/** Whether the client asked for the probe's progress as NDJSON (Accept: application/x-ndjson). */
export const wantsNdjson = (accept: string | undefined) => !!accept && /(^|,)\s*application\/x-ndjson\s*(;|,|$)/i.test(accept);

/** A login the server refused (535 and friends): counts towards the failed-login limit of (target IP, username). */
const loginRefused = (report: ProbeReport) => report.steps.some((s) => s.step === 'auth' && s.status === 'fail' && /^SMTP_5/.test(s.code ?? ''));

/** The report for a name DNS could not resolve (no connection is made). */
function dnsReport(req: ProbeRequest, g: Extract<GuardResult, { code: 'dns_failed' }>, hooks: ProbeHooks): ProbeReport {
  const f: Finding = { code: g.dns === 'not-found' ? 'dns-not-found' : 'dns-failed', severity: 'error', field: 'host', params: { host: req.host } };
  const steps: ProbeStep[] = [
    { step: 'resolve', status: 'fail', ms: 0, code: g.dns === 'not-found' ? 'ENOTFOUND' : 'EDNS' },
    ...(['connect', 'greeting', 'ehlo', 'tls', 'auth'] as const).map((step) => ({ step, status: 'skipped' as const, ms: 0 })),
  ];
  steps.forEach((s) => hooks.onStep?.(s));
  return {
    ok: false,
    target: { host: req.host, port: req.port, addresses: [] },
    ms: 0,
    steps,
    server: { extensions: [], authMechanisms: [], startTls: false },
    detected: { portMode: 'unknown' },
    findings: [f],
  };
}

/** POST /v1/probe: parse, guard, limits, then the probe (JSON, or NDJSON step by step). */
export function probeRoutes(app: Hono, ctx: ServerCtx): void {
  const { config, log, limits, metrics, store } = ctx;

  app.post('/v1/probe', async (c: Context) => {
    const j = await readJson(c);
    if (!j.ok) return j.res;
    const parsed = ProbeRequest.safeParse(j.body);
    if (!parsed.success) return c.json(errorBody('invalid_request', issueError(parsed.error.issues[0]!)), 400);
    const req = parsed.data;
    const username = req.auth?.method === 'password' ? req.auth.username : undefined;
    const rules = checkSettings({
      host: req.host,
      port: req.port,
      encryption: req.encryption,
      authMethod: req.auth?.method,
      username,
      password: req.auth?.method === 'password' ? req.auth.password : undefined,
      mode: req.mode,
    });
    const g = await guardTarget(req.host, req.port, ctx.guardOpts);
    if (!g.ok && g.code !== 'dns_failed') {
      metrics.probes.inc({ outcome: 'refused' });
      log.info({ host: req.host, port: req.port, refused: g.code, why: g.code === 'target_not_allowed' ? g.why : undefined }, 'probe refused');
      return guardError(c, g, config.smtpPorts);
    }
    // Points only now: the input parsed and the guard passed. Targets by resolved IP, per client and in all.
    const client = ctx.clientKey(c);
    const target = g.ok ? g.address : `name:${req.host.toLowerCase()}`;
    const limited = await limits.take(c, ['probeClient', client], ['probeTarget', `${client}|${target}`], ['probeTargetGlobal', target]);
    if (limited) return limited;
    if (g.ok && username !== undefined) {
      const ms = await limits.loginLocked(g.address, username);
      if (ms !== undefined) {
        metrics.rateLimited.inc({ limit: 'loginFailures' });
        const retryAfter = Math.max(1, Math.ceil(ms / 1000));
        c.header('Retry-After', String(retryAfter));
        log.info({ host: req.host, address: g.address, refused: 'login_locked' }, 'probe refused');
        return c.json(errorBody('login_locked', { field: 'auth', retryAfter, params: { max: config.rates.loginFailures[0], minutes: Math.ceil(retryAfter / 60) } }), 429);
      }
    }
    const slot = limits.probes.acquire(client);
    if (slot !== 'ok') {
      metrics.rateLimited.inc({ limit: slot === 'global' ? 'probesRunning' : 'probesRunningPerClient' });
      c.header('Retry-After', '5');
      if (slot === 'global') return c.json(errorBody('probe_busy', { retryAfter: 5 }), 503);
      return c.json(errorBody('rate_limited', { retryAfter: 5, params: { limit: 'probesRunningPerClient', seconds: 5 }, message: `At most ${config.limits.probesPerClient} tests can run at once per client. Wait for the running test to finish.` }), 429);
    }
    // The slot is held until the probe itself ends, also when a streaming client left earlier.
    let held = true;
    const release = () => {
      if (held) limits.probes.release(client);
      held = false;
    };

    let smtpMs = 0;
    const produce = async (hooks: ProbeHooks): Promise<ProbeReport> => {
      const started = performance.now();
      const report: ProbeReport = !g.ok
        ? dnsReport(req, g, hooks)
        : await runProbe(req, { host: g.host, isName: g.isName, address: g.address, addresses: g.addresses, resolveMs: g.ms }, config, hooks);
      smtpMs = performance.now() - started;
      if (g.ok) await addCertNameFix(report, g.address, req.port, ctx.guardOpts);
      metrics.probeSeconds.observe(smtpMs / 1000);
      metrics.probes.inc({ outcome: !g.ok ? 'dns' : report.ok ? 'ok' : 'failed' });
      const seen = new Set(report.findings.map((f) => `${f.code}.${f.variant ?? ''}`));
      // A probe without auth only tests the connection; "no authentication chosen" is not a finding then.
      const relevant = rules.filter((f) => !seen.has(`${f.code}.${f.variant ?? ''}`) && !(f.code === 'auth-invalid' && !req.auth));
      report.findings.push(...(relevant as typeof report.findings));
      if (g.ok && sessionPassed(report, req.auth !== undefined)) await store.mark(limits.probeOkKey(client, g.address, req.port, req.encryption, username), config.probeOkMs).catch(() => metrics.storeErrors.inc());
      if (g.ok && username !== undefined && loginRefused(report)) await limits.loginFailed(g.address, username).catch(() => metrics.storeErrors.inc());
      log.info(
        {
          host: req.host,
          port: req.port,
          encryption: req.encryption,
          auth: req.auth?.method ?? 'none',
          ok: report.ok,
          portMode: report.detected.portMode,
          ms: report.ms,
          steps: report.steps.map((s) => `${s.step}:${s.status}${s.code ? `:${s.code}` : ''}`).join(' '),
          findings: report.findings.map((f) => f.code).join(' '),
          ...(hooks.signal?.aborted ? { clientGone: true } : {}),
        },
        'probe',
      );
      return report;
    };

    try {
      if (!wantsNdjson(c.req.header('accept'))) {
        const report = await ctx.track(produce({}));
        // Where the backend's time went (for operators and `npm run bench`): the SMTP session, and the rest
        // of this request from its first middleware (parse, guard, limits, findings, store) until now.
        c.header('Server-Timing', `smtp;dur=${smtpMs.toFixed(2)}, app;dur=${(performance.now() - (c.get('t0' as never) as number) - smtpMs).toFixed(2)}`);
        return c.json(report);
      }

      // NDJSON: one line per step as it completes, the report last (docs/ARCHITECTURE.md, "POST /v1/probe").
      held = false; // from here the stream's own finally releases the slot
      const gone = new AbortController();
      c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
      c.header('Cache-Control', 'no-store');
      c.header('X-Content-Type-Options', 'nosniff');
      return stream(c, async (out) => {
        // The client left (page closed, "Stoppen"): said at once, in the log and in /metrics; the probe ends within its phase.
        out.onAbort(() => {
          gone.abort();
          metrics.probeClientsGone.inc();
          log.info({ host: req.host, port: req.port, clientGone: true }, 'probe client gone');
        });
        // Lines are written in order; a write to a client that left resolves quietly (hono swallows it).
        let chain = Promise.resolve();
        const line = (x: ProbeStreamLine) => {
          if (!out.aborted) chain = chain.then(() => out.write(`${JSON.stringify(x)}\n`)).then(() => undefined);
        };
        try {
          const report = await ctx.track(produce({ onStep: (step) => line({ type: 'step', step }), signal: gone.signal }));
          line({ type: 'report', report });
        } catch (e) {
          log.error({ err: scrub((e as Error)?.message ?? String(e)).slice(0, 200) }, 'probe stream failed');
          line({ type: 'error', error: errorBody('internal').error });
        } finally {
          limits.probes.release(client);
          await chain;
        }
      });
    } finally {
      release();
    }
  });
}

/**
 * Whether the session went through as the CRM's would: no step failed and a requested login succeeded. This,
 * not `report.ok`, opens the validation mail: with "Geen encryptie" the report is not ok (the password went in
 * the clear, and it says so loudly), but it is what the admin chose and what the CRM will do.
 */
export function sessionPassed(report: Pick<ProbeReport, 'steps'>, withLogin: boolean): boolean {
  if (report.steps.some((s) => s.status === 'fail')) return false;
  return !withLogin || report.steps.some((s) => s.step === 'auth' && s.status === 'ok');
}
