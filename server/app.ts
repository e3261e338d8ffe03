import { randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { stream } from 'hono/streaming';
import type { DestinationStream, Logger } from 'pino';
import { DiscoverRequest, ProbeRequest, ValidationConfirm, ValidationCreate, type ApiErrorCode, type ProbeReport, type ProbeStep, type ProbeStreamLine } from '../lib/api';
import type { Finding } from '../lib/findings';
import { findingText } from '../lib/i18n';
import { checkSettings } from '../lib/rules';
import { checkValidationInput, checkMailDomain, parsePlainAddress } from '../lib/validation-input';
import { createMailDns, discover, type MailDns } from './discover';
import { codeMac, macEquals, newCode, normalizeCode } from './codes';
import type { Config } from './config';
import { createResolver, guardTarget, type GuardFailure, type HostResolver } from './guard';
import { createLogger, maskAddress, scrub } from './log';
import { sendValidationMail, type SendError } from './mailer';
import { runProbe, type ProbeHooks } from './probe';
import { findingForReply, parseReplyText } from './replies';
import { memoryStore, redisStore, StoreUnavailable, type Store } from './store';

export interface AppDeps {
  /** Where log lines go (tests collect them); default stdout. */
  logStream?: DestinationStream;
  logLevel?: string;
  store?: Store;
  resolver?: HostResolver;
  /** MX/TXT/SRV look-ups for /v1/discover; default a resolver on DNS_SERVERS. */
  mailDns?: MailDns;
  now?: () => number;
}

export type App = Hono & { store: Store; log: Logger; close(): Promise<void> };

const bi = (nl: string, en: string) => `${nl} / ${en}`;

const MESSAGES: Record<ApiErrorCode, [string, string]> = {
  invalid_json: ['De aanvraag is geen geldige JSON.', 'The request is not valid JSON.'],
  invalid_request: ['De aanvraag is onvolledig of ongeldig.', 'The request is incomplete or invalid.'],
  unsupported_media_type: ['Stuur de aanvraag als JSON (Content-Type: application/json).', 'Send the request as JSON (Content-Type: application/json).'],
  payload_too_large: ['De aanvraag is te groot.', 'The request is too large.'],
  not_found: ['Niet gevonden.', 'Not found.'],
  origin_not_allowed: ['Deze herkomst mag de backend niet gebruiken.', 'This origin may not use the backend.'],
  port_not_allowed: ['Poortnummer: alleen SMTP-poorten (25, 465, 587, 2525) kunnen getest worden.', 'Port: only SMTP ports (25, 465, 587, 2525) can be tested.'],
  target_not_allowed: [
    'Hostnaam verwijst naar een intern of gereserveerd adres. Het CRM verstuurt via internet en kan zo\'n adres niet bereiken: vul de publieke naam van de mailserver in.',
    'Host name points to an internal or reserved address. The CRM sends over the internet and cannot reach such an address: enter the mail server\'s public name.',
  ],
  dns_failed: ['Hostnaam kon niet worden opgezocht in DNS. Controleer de spelling.', 'Host name could not be looked up in DNS. Check the spelling.'],
  rate_limited: ['Te veel aanvragen. Wacht even en probeer het opnieuw.', 'Too many requests. Wait a moment and try again.'],
  probe_busy: ['De backend test nu al veel servers tegelijk. Probeer het over een paar seconden opnieuw.', 'The backend is testing many servers at once. Try again in a few seconds.'],
  store_unavailable: ['De opslag (Redis) is niet bereikbaar. Probeer het zo opnieuw.', 'The store (Redis) cannot be reached. Try again shortly.'],
  send_failed: ['De validatiemail kon niet worden verstuurd; zie de bevindingen.', 'The validation mail could not be sent; see the findings.'],
  code_invalid: ['De code bestaat uit 6 letters en cijfers, zoals in de mail.', 'The code is 6 letters and digits, as in the mail.'],
  code_mismatch: ['De code klopt niet. Controleer de code in de mail.', 'The code is wrong. Check the code in the mail.'],
  expired: ['De code is verlopen (10 minuten). Vraag een nieuwe code aan.', 'The code has expired (10 minutes). Request a new code.'],
  already_used: ['Deze code is al gebruikt. Vraag een nieuwe code aan.', 'This code has already been used. Request a new code.'],
  locked: ['Te veel foute pogingen; deze code is geblokkeerd. Vraag een nieuwe code aan.', 'Too many wrong attempts; this code is locked. Request a new code.'],
  internal: ['Er ging iets mis in de backend.', 'Something went wrong in the backend.'],
};

interface ErrorExtra {
  message?: string;
  field?: string;
  attemptsLeft?: number;
  retryAfter?: number;
  findings?: Finding[];
}

function errorBody(code: ApiErrorCode, extra: ErrorExtra = {}) {
  const { message, ...rest } = extra;
  return { error: { code, message: message ?? bi(...MESSAGES[code]), ...rest } };
}

/** Whether the client asked for the probe's progress as NDJSON (Accept: application/x-ndjson). */
export const wantsNdjson = (accept: string | undefined) => !!accept && /(^|,)\s*application\/x-ndjson\s*(;|,|$)/i.test(accept);

/** Patterns are exact origins or "<scheme>://*" for any extension id of that browser. */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    if (p.endsWith('://*')) {
      const scheme = p.slice(0, -1);
      return origin.startsWith(scheme) && /^[a-z0-9-]{1,64}$/i.test(origin.slice(scheme.length));
    }
    return origin === p;
  });
}

/** A zod issue as a message that names the field, in Dutch and English. */
function issueMessage(issue: { path: PropertyKey[]; message: string; input?: unknown }): { field: string; message: string; findings?: Finding[] } {
  const field = issue.path.map(String).join('.') || 'body';
  const last = String(issue.path[issue.path.length - 1] ?? '');
  if (issue.message.startsWith('host-invalid:')) {
    const f: Finding = { code: 'host-invalid', severity: 'error', field: 'host', variant: issue.message.slice('host-invalid:'.length) };
    return { field, message: bi(findingText(f, 'nl'), findingText(f, 'en')), findings: [f] };
  }
  if (last === 'port') {
    const f: Finding = { code: 'port-invalid', severity: 'error', field: 'port', variant: 'range', params: { value: String(issue.input ?? '').slice(0, 10) } };
    return { field, message: bi(findingText(f, 'nl'), findingText(f, 'en')), findings: [f] };
  }
  return { field, message: bi(`Veld "${field}" ontbreekt of is ongeldig.`, `Field "${field}" is missing or invalid.`) };
}

/**
 * The backend's HTTP API (see docs/ARCHITECTURE.md, "Companion backend"). Tests call `app.request()`;
 * main.ts serves it with @hono/node-server.
 */
export function createApp(config: Config, deps: AppDeps = {}): App {
  const log = createLogger(deps.logStream, deps.logLevel);
  let lastRedisLog = 0;
  const onRedisError = (e: Error) => {
    // ioredis reports every failed reconnect; one line per 10 s is enough.
    if (Date.now() - lastRedisLog < 10_000) return;
    lastRedisLog = Date.now();
    log.warn({ err: scrub(e.message) }, 'redis unavailable; retrying');
  };
  const store = deps.store ?? (config.redisUrl ? redisStore(config.redisUrl, config.validationSecret, onRedisError) : memoryStore(config.validationSecret));
  const resolver = deps.resolver ?? createResolver(config.dnsServers, config.timeouts.dns);
  const mailDns = deps.mailDns ?? createMailDns(config.dnsServers, config.timeouts.dns);
  const now = deps.now ?? Date.now;
  const guardOpts = { ports: config.smtpPorts, allowedCidrs: config.allowedCidrs, resolver, dnsTimeoutMs: config.timeouts.dns };
  const r = config.rates;
  const limiters = {
    probeClient: store.limiter('probe-client', ...r.probePerClient),
    probeTarget: store.limiter('probe-target', ...r.probePerTarget),
    valClient: store.limiter('val-client', ...r.validationPerClient),
    valRecipient: store.limiter('val-rcpt', ...r.validationPerRecipient),
    valTarget: store.limiter('val-target', ...r.validationPerTarget),
    confirmClient: store.limiter('confirm-client', ...r.confirmPerClient),
  };
  let probesRunning = 0;

  const app = new Hono();

  const clientIp = (c: Context): string => {
    if (config.trustProxy) {
      const xff = c.req.header('x-forwarded-for');
      const last = xff?.split(',').pop()?.trim();
      if (last) return last;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'local';
    }
  };

  /** Takes one point; a full bucket is 429, a store failure is thrown (→ 503). */
  const take = async (c: Context, limiter: (typeof limiters)[keyof typeof limiters], key: string): Promise<Response | undefined> => {
    try {
      await limiter.consume(key);
      return undefined;
    } catch (e) {
      if (e instanceof Error) throw new StoreUnavailable(e.message);
      const retryAfter = Math.ceil(((e as { msBeforeNext?: number }).msBeforeNext ?? 1000) / 1000);
      c.header('Retry-After', String(retryAfter));
      return c.json(errorBody('rate_limited', { retryAfter }), 429);
    }
  };

  const readJson = async (c: Context): Promise<{ ok: true; body: unknown } | { ok: false; res: Response }> => {
    try {
      return { ok: true, body: await c.req.json() };
    } catch {
      return { ok: false, res: c.json(errorBody('invalid_json'), 400) };
    }
  };

  const guardError = (c: Context, g: GuardFailure) => {
    if (g.code === 'port_not_allowed') {
      const ports = [...config.smtpPorts].sort((a, b) => a - b).join(', ');
      return c.json(errorBody('port_not_allowed', { field: 'port', message: bi(`Poortnummer: alleen SMTP-poorten (${ports}) kunnen getest worden.`, `Port: only SMTP ports (${ports}) can be tested.`) }), 400);
    }
    if (g.code === 'target_not_allowed') return c.json(errorBody('target_not_allowed', { field: 'host' }), 400);
    return c.json(errorBody('dns_failed', { field: 'host' }), 400);
  };

  app.use('*', async (c, next) => {
    const start = Date.now();
    await next();
    log.info({ method: c.req.method, path: c.req.path.replace(/\/validations\/[^/]+/, '/validations/:id').slice(0, 100), status: c.res.status, ms: Date.now() - start }, 'request');
  });

  // DNS rebinding and cross-site requests: only our own Host and the extension's origins.
  app.use('*', async (c, next) => {
    const host = c.req.header('host');
    if (host && config.allowedHosts && !config.allowedHosts.includes(host.toLowerCase())) return c.json(errorBody('origin_not_allowed'), 403);
    const origin = c.req.header('origin');
    if (origin && !originAllowed(origin, config.allowedOrigins)) return c.json(errorBody('origin_not_allowed'), 403);
    await next();
  });
  app.use('*', cors({ origin: (o) => (originAllowed(o, config.allowedOrigins) ? o : null), allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 600 }));
  app.use('*', async (c, next) => {
    if (c.req.method === 'POST') {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) return c.json(errorBody('unsupported_media_type'), 415);
    }
    await next();
  });
  app.use('*', bodyLimit({ maxSize: config.limits.bodyBytes, onError: (c) => c.json(errorBody('payload_too_large'), 413) }));

  app.use('/v1/*', async (c, next) => {
    await store.whenReady(500);
    await next();
  });

  app.get('/v1/health', async (c) => {
    await store.ping();
    return c.json({ ok: true, version: config.version, store: store.kind });
  });

  app.post('/v1/probe', async (c) => {
    const j = await readJson(c);
    if (!j.ok) return j.res;
    const parsed = ProbeRequest.safeParse(j.body);
    if (!parsed.success) return c.json(errorBody('invalid_request', issueMessage(parsed.error.issues[0]!)), 400);
    const req = parsed.data;
    const limited = (await take(c, limiters.probeClient, clientIp(c))) ?? (await take(c, limiters.probeTarget, req.host));
    if (limited) return limited;
    if (probesRunning >= config.limits.concurrentProbes) {
      c.header('Retry-After', '5');
      return c.json(errorBody('probe_busy', { retryAfter: 5 }), 503);
    }
    // The slot is held until the probe itself ends, also when a streaming client left earlier.
    probesRunning++;
    let held = true;
    const release = () => {
      if (held) probesRunning--;
      held = false;
    };
    try {
      const rules = checkSettings({
        host: req.host,
        port: req.port,
        encryption: req.encryption,
        authMethod: req.auth?.method,
        username: req.auth?.method === 'password' ? req.auth.username : undefined,
        password: req.auth?.method === 'password' ? req.auth.password : undefined,
        mode: req.mode,
      });
      const g = await guardTarget(req.host, req.port, guardOpts);
      if (!g.ok && g.code !== 'dns_failed') {
        log.info({ host: req.host, port: req.port, refused: g.code, why: g.code === 'target_not_allowed' ? g.why : undefined }, 'probe refused');
        return guardError(c, g);
      }
      const produce = async (hooks: ProbeHooks): Promise<ProbeReport> => {
        let report: ProbeReport;
        if (!g.ok) {
          const f: Finding = { code: g.dns === 'not-found' ? 'dns-not-found' : 'dns-failed', severity: 'error', field: 'host', params: { host: req.host } };
          const steps: ProbeStep[] = [{ step: 'resolve', status: 'fail', ms: 0, code: g.dns === 'not-found' ? 'ENOTFOUND' : 'EDNS' }, ...(['connect', 'greeting', 'ehlo', 'tls', 'auth'] as const).map((step) => ({ step, status: 'skipped' as const, ms: 0 }))];
          steps.forEach((s) => hooks.onStep?.(s));
          report = {
            ok: false,
            target: { host: req.host, port: req.port, addresses: [] },
            ms: 0,
            steps,
            server: { extensions: [], authMechanisms: [], startTls: false },
            detected: { portMode: 'unknown' },
            findings: [f],
          };
        } else {
          report = await runProbe(req, { host: g.host, isName: g.isName, address: g.address, addresses: g.addresses, resolveMs: g.ms }, config, hooks);
        }
        const seen = new Set(report.findings.map((f) => `${f.code}.${f.variant ?? ''}`));
        // A probe without auth only tests the connection; "no authentication chosen" is not a finding then.
        const relevant = rules.filter((f) => !seen.has(`${f.code}.${f.variant ?? ''}`) && !(f.code === 'auth-invalid' && !req.auth));
        report.findings.push(...(relevant as typeof report.findings));
        log.info(
          { host: req.host, port: req.port, encryption: req.encryption, auth: req.auth?.method ?? 'none', ok: report.ok, portMode: report.detected.portMode, ms: report.ms, steps: report.steps.map((s) => `${s.step}:${s.status}${s.code ? `:${s.code}` : ''}`).join(' '), findings: report.findings.map((f) => f.code).join(' '), ...(hooks.signal?.aborted ? { clientGone: true } : {}) },
          'probe',
        );
        return report;
      };
      if (!wantsNdjson(c.req.header('accept'))) return c.json(await produce({}));

      // NDJSON: one line per step as it completes, the report last (docs/ARCHITECTURE.md, "POST /v1/probe").
      held = false; // from here the stream's own finally releases the slot
      const gone = new AbortController();
      c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
      c.header('Cache-Control', 'no-store');
      c.header('X-Content-Type-Options', 'nosniff');
      return stream(c, async (out) => {
        out.onAbort(() => gone.abort());
        // Lines are written in order; a write to a client that left resolves quietly (hono swallows it).
        let chain = Promise.resolve();
        const line = (x: ProbeStreamLine) => {
          if (!out.aborted) chain = chain.then(() => out.write(`${JSON.stringify(x)}\n`)).then(() => undefined);
        };
        try {
          const report = await produce({ onStep: (step) => line({ type: 'step', step }), signal: gone.signal });
          line({ type: 'report', report });
        } catch (e) {
          log.error({ err: scrub((e as Error)?.message ?? String(e)).slice(0, 200) }, 'probe stream failed');
          line({ type: 'error', error: errorBody('internal').error });
        } finally {
          probesRunning--;
          await chain;
        }
      });
    } finally {
      release();
    }
  });

  // Suggestions from DNS only: no connection to the candidates (the client probes the one it picks).
  app.post('/v1/discover', async (c) => {
    const j = await readJson(c);
    if (!j.ok) return j.res;
    const parsed = DiscoverRequest.safeParse(j.body);
    if (!parsed.success || (parsed.data.email === undefined && parsed.data.domain === undefined)) {
      return c.json(errorBody('invalid_request', { field: 'email', message: bi('Vul een e-mailadres of domein in, bijvoorbeeld naam@uwdomein.nl.', 'Enter an email address or domain, for example name@yourdomain.com.') }), 400);
    }
    const limited = await take(c, limiters.probeClient, clientIp(c));
    if (limited) return limited;
    const result = await discover(parsed.data, mailDns);
    if (!result.domain.name) {
      const f = result.findings[0]!;
      return c.json(errorBody('invalid_request', { field: parsed.data.email !== undefined ? 'email' : 'domain', message: bi(findingText(f, 'nl'), findingText(f, 'en')), findings: result.findings }), 400);
    }
    log.info({ domain: result.domain.name, mx: result.domain.mx.length, candidates: result.candidates.length, findings: result.findings.map((f) => f.code).join(' ') }, 'discover');
    return c.json(result);
  });

  app.post('/v1/validations', async (c) => {
    const j = await readJson(c);
    if (!j.ok) return j.res;
    const parsed = ValidationCreate.safeParse(j.body);
    if (!parsed.success) return c.json(errorBody('invalid_request', issueMessage(parsed.error.issues[0]!)), 400);
    const { settings, domain: rawDomain, from: rawFrom, to: rawTo } = parsed.data;
    const inputFindings = checkValidationInput({ domain: rawDomain, from: rawFrom, to: rawTo }).filter((f) => f.severity === 'error');
    const domain = checkMailDomain(rawDomain);
    const from = parsePlainAddress(rawFrom);
    const to = parsePlainAddress(rawTo);
    if (inputFindings.length || !domain || !from.ok || !to.ok) {
      const first = inputFindings[0];
      const field = first?.field ?? 'domain';
      const message = first ? bi(findingText(first, 'nl'), findingText(first, 'en')) : undefined;
      return c.json(errorBody('invalid_request', { field, message, findings: inputFindings }), 400);
    }
    const limited =
      (await take(c, limiters.valClient, clientIp(c))) ?? (await take(c, limiters.valRecipient, to.address.toLowerCase())) ?? (await take(c, limiters.valTarget, settings.host));
    if (limited) return limited;
    const g = await guardTarget(settings.host, settings.port, guardOpts);
    if (!g.ok) return guardError(c, g);

    const id = randomBytes(16).toString('base64url');
    const code = newCode();
    const expiresAt = now() + config.code.ttlMs;
    const key = await store.secret();
    await store.create(id, { mac: codeMac(key, id, code), domain, expiresAt, attempts: 0, state: 'open' }, config.code.ttlMs + 60 * 60_000);
    const logCtx = { id, domain, from: maskAddress(from.address), to: maskAddress(to.address), host: settings.host, port: settings.port, encryption: settings.encryption, auth: settings.auth.method };
    try {
      await sendValidationMail(settings, g.address, g.isName ? g.host : undefined, { from: from.address, to: to.address, domain, code, expiresAt: new Date(expiresAt) }, config);
    } catch (e) {
      await store.remove(id).catch(() => undefined);
      const secrets = settings.auth.method === 'password' ? [settings.auth.password, settings.auth.username] : [];
      const err = e as SendError;
      const findings = sendFindings(err, settings.port, (s) => scrub(s, secrets, false).slice(0, 300));
      log.warn({ ...logCtx, err: err.code, smtp: err.responseCode, command: err.command?.split(' ')[0], findings: findings.map((f) => f.code).join(' ') }, 'validation mail failed');
      return c.json(errorBody('send_failed', { findings }), 502);
    }
    log.info(logCtx, 'validation mail sent');
    return c.json({ id, expiresAt: new Date(expiresAt).toISOString() }, 201);
  });

  app.post('/v1/validations/:id/confirm', async (c) => {
    const id = c.req.param('id');
    if (!/^[A-Za-z0-9_-]{22}$/.test(id)) return c.json(errorBody('not_found'), 404);
    const j = await readJson(c);
    if (!j.ok) return j.res;
    const parsed = ValidationConfirm.safeParse(j.body);
    if (!parsed.success) return c.json(errorBody('code_invalid', { field: 'code' }), 400);
    const code = normalizeCode(parsed.data.code);
    if (!code) return c.json(errorBody('code_invalid', { field: 'code' }), 400);
    const limited = await take(c, limiters.confirmClient, clientIp(c));
    if (limited) return limited;

    const max = config.code.maxAttempts;
    const rec = await store.get(id);
    const answer = (state: 'missing' | 'used' | 'locked' | 'expired') => {
      log.info({ id, result: state }, 'validation confirm');
      if (state === 'missing') return c.json(errorBody('not_found'), 404);
      if (state === 'used') return c.json(errorBody('already_used'), 410);
      if (state === 'expired') return c.json(errorBody('expired'), 410);
      return c.json(errorBody('locked', { attemptsLeft: 0 }), 429);
    };
    if (!rec) return answer('missing');
    if (rec.state !== 'open') return answer(rec.state);
    if (rec.attempts >= max) return answer('locked');
    if (rec.expiresAt <= now()) return answer('expired');

    const key = await store.secret();
    if (macEquals(codeMac(key, id, code), rec.mac)) {
      const result = await store.consume(id, max, now());
      if (result !== 'ok') return answer(result);
      log.info({ id, domain: rec.domain, result: 'validated' }, 'validation confirm');
      return c.json({ validated: true, domain: rec.domain });
    }
    const failed = await store.fail(id, max);
    if (!failed) return answer('missing');
    const attemptsLeft = Math.max(0, max - failed.attempts);
    log.info({ id, result: 'mismatch', attemptsLeft }, 'validation confirm');
    if (failed.state === 'locked' || attemptsLeft === 0) return answer('locked');
    return c.json(errorBody('code_mismatch', { attemptsLeft, field: 'code' }), 400);
  });

  app.notFound((c) => c.json(errorBody('not_found'), 404));
  app.onError((e, c) => {
    if (e instanceof StoreUnavailable) {
      log.error({ err: scrub(e.message) }, 'store unavailable');
      c.header('Retry-After', '5');
      return c.json(errorBody('store_unavailable'), 503);
    }
    log.error({ err: scrub(e.message).slice(0, 200), name: e.name }, 'internal error');
    return c.json(errorBody('internal'), 500);
  });

  return Object.assign(app, { store, log, close: () => store.close() });
}

/** What went wrong while sending the validation mail, as findings (nodemailer's error codes and the server's reply). */
function sendFindings(err: SendError, port: number, clean: (s: string) => string): Finding[] {
  const reply = parseReplyText(err.response, err.responseCode);
  const cmd = (err.command ?? '').toUpperCase();
  const msg = String(err.message ?? '');
  if (reply && reply.code >= 400) {
    const phase = err.code === 'EAUTH' || cmd.startsWith('AUTH') ? 'auth' : cmd.startsWith('MAIL') ? 'mail' : cmd.startsWith('RCPT') ? 'rcpt' : cmd.startsWith('DATA') ? 'data' : cmd === 'CONN' ? 'greeting' : 'data';
    return [findingForReply(reply, phase, clean(`${reply.code} ${reply.text}`))];
  }
  if (/ECONNREFUSED/.test(msg)) return [{ code: 'connection-refused', severity: 'error', field: 'port', params: { port } }];
  if (/certificate has expired/i.test(msg)) return [{ code: 'cert-expired', severity: 'error', params: { validTo: '?' } }];
  if (/self[- ]signed/i.test(msg)) return [{ code: 'cert-self-signed', severity: 'error' }];
  if (/does not match|altnames/i.test(msg)) return [{ code: 'cert-name-mismatch', severity: 'error', field: 'host', params: { host: '', names: '' } }];
  if (/STARTTLS/i.test(msg) || err.code === 'ETLS') return [{ code: 'starttls-not-offered', severity: 'error', field: 'encryption', params: { port } }];
  if (err.code === 'ETIMEDOUT' || /timeout/i.test(msg)) return [{ code: 'connection-timeout', severity: 'error', field: 'port', variant: port === 25 ? 'port-25' : undefined, params: { port } }];
  return [{ code: 'send-failed', severity: 'error', params: { reply: clean(`${err.code ?? ''} ${msg}`.trim()) } }];
}
