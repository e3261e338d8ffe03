import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { ValidationConfirm, ValidationCreate } from '../../lib/api';
import { findingText } from '../../lib/i18n';
import { checkMailDomain, checkValidationInput, parsePlainAddress } from '../../lib/validation-input';
import { codeMac, macEquals, normalizeCode } from '../codes';
import type { ServerCtx } from '../context';
import { guardTarget } from '../guard';
import { errorBody, guardError, issueError, readJson } from '../http-errors';
import { maskAddress, scrub } from '../log';
import { sendValidationMail, type SendError } from '../mailer';
import { recipientDomain } from '../recipient';
import { isLoginFailure, sendFindings } from '../send-findings';
import { TooManyRecords } from '../store';

/** POST /v1/validations (send the code through the admin's own server) and POST /v1/validations/:id/confirm. */
export function validationRoutes(app: Hono, ctx: ServerCtx): void {
  const { config, store, log, limits, metrics, now } = ctx;

  app.post('/v1/validations', async (c) => {
    const j = await readJson(c);
    if (!j.ok) return j.res;
    const parsed = ValidationCreate.safeParse(j.body);
    if (!parsed.success) return c.json(errorBody('invalid_request', issueError(parsed.error.issues[0]!)), 400);
    const { settings, domain: rawDomain, from: rawFrom, to: rawTo } = parsed.data;
    const inputFindings = checkValidationInput({ domain: rawDomain, from: rawFrom, to: rawTo }).filter((f) => f.severity === 'error');
    const domain = checkMailDomain(rawDomain);
    const from = parsePlainAddress(rawFrom);
    const to = parsePlainAddress(rawTo);
    if (inputFindings.length || !domain || !from.ok || !to.ok) {
      const first = inputFindings[0];
      const field = first?.field ?? 'domain';
      const message = first ? findingText(first, 'en') : undefined;
      return c.json(errorBody('invalid_request', { field, message, params: { field }, findings: inputFindings }), 400);
    }
    const g = await guardTarget(settings.host, settings.port, ctx.guardOpts);
    if (!g.ok) return guardError(c, g, config.smtpPorts);

    const client = ctx.clientKey(c);
    const username = settings.auth.method === 'password' ? settings.auth.username : undefined;
    // Only for settings this client's probe found working in the last 15 minutes (same IP, port, encryption, user).
    const probed = await limits.storeCall(() => store.marked(limits.probeOkKey(client, g.address, settings.port, settings.encryption, username)));
    if (!probed) return c.json(errorBody('probe_required', { field: 'settings', params: { minutes: Math.round(config.probeOkMs / 60_000) } }), 409);
    const rcpt = recipientDomain(to.address);
    const limited = await limits.take(
      c,
      ['valClient', client],
      ['valRecipient', `${client}|${rcpt}`],
      ['valRecipientGlobal', rcpt],
      ['valTarget', `${client}|${g.address}`],
      ['valTargetGlobal', g.address],
    );
    if (limited) return limited;
    if (username !== undefined) {
      const ms = await limits.loginLocked(g.address, username);
      if (ms !== undefined) {
        const retryAfter = Math.max(1, Math.ceil(ms / 1000));
        metrics.rateLimited.inc({ limit: 'loginFailures' });
        c.header('Retry-After', String(retryAfter));
        return c.json(errorBody('login_locked', { field: 'auth', retryAfter, params: { max: config.rates.loginFailures[0], minutes: Math.ceil(retryAfter / 60) } }), 429);
      }
    }
    const slot = limits.sends.acquire('all');
    if (slot !== 'ok') {
      metrics.rateLimited.inc({ limit: 'sendsRunning' });
      c.header('Retry-After', '5');
      return c.json(errorBody('probe_busy', { retryAfter: 5 }), 503);
    }
    try {
      const id = randomBytes(16).toString('base64url');
      const code = ctx.newCode();
      const expiresAt = now() + config.code.ttlMs;
      const key = await store.secret();
      try {
        await store.create(id, { mac: codeMac(key, id, code), domain, expiresAt, attempts: 0, state: 'open' }, config.code.ttlMs + 60 * 60_000, client);
      } catch (e) {
        if (!(e instanceof TooManyRecords)) throw e;
        metrics.rateLimited.inc({ limit: 'recordsPerClient' });
        c.header('Retry-After', '60');
        return c.json(errorBody('rate_limited', { retryAfter: 60, params: { limit: 'recordsPerClient', seconds: 60 } }), 429);
      }
      const logCtx = { id, domain, from: maskAddress(from.address), to: maskAddress(to.address), host: settings.host, port: settings.port, encryption: settings.encryption, auth: settings.auth.method };
      try {
        await ctx.track(sendValidationMail(settings, g.address, g.isName ? g.host : undefined, { from: from.address, to: to.address, domain, code, expiresAt: new Date(expiresAt) }, config));
      } catch (e) {
        await store.remove(id).catch(() => undefined);
        const secrets = settings.auth.method === 'password' ? [settings.auth.password, settings.auth.username] : [];
        const err = e as SendError;
        if (username !== undefined && isLoginFailure(err)) await limits.loginFailed(g.address, username).catch(() => metrics.storeErrors.inc());
        const findings = sendFindings(err, settings.port, (s) => scrub(s, secrets, false).slice(0, 300));
        metrics.validations.inc({ outcome: 'failed' });
        log.warn({ ...logCtx, err: err.code, smtp: err.responseCode, command: err.command?.split(' ')[0], findings: findings.map((f) => f.code).join(' ') }, 'validation mail failed');
        return c.json(errorBody('send_failed', { findings }), 502);
      }
      metrics.validations.inc({ outcome: 'sent' });
      log.info(logCtx, 'validation mail sent');
      return c.json({ id, expiresAt: new Date(expiresAt).toISOString() }, 201);
    } finally {
      limits.sends.release('all');
    }
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
    const limited = await limits.take(c, ['confirmClient', ctx.clientKey(c)]);
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
    return c.json(errorBody('code_mismatch', { attemptsLeft, field: 'code', params: { attemptsLeft } }), 400);
  });
}
