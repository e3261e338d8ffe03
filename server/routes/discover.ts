import type { Hono } from 'hono';
import { DiscoverRequest } from '../../lib/api';
import { findingText } from '../../lib/i18n';
import type { ServerCtx } from '../context';
import { discover, type MailDns } from '../discover';
import { isInternalName } from '../guard';
import { checkMailDomain, parsePlainAddress } from '../../lib/validation-input';
import { errorBody, readJson } from '../http-errors';

const notFound = () => Object.assign(new Error('queryNotFound'), { code: 'ENOTFOUND' });

/**
 * DNS that answers "no such name" for internal names (localhost, *.internal, *.local, single labels, …):
 * discover then answers exactly as it does for a domain that does not exist, so the answer tells
 * nothing about internal zones.
 */
function publicOnly(dns: MailDns): MailDns {
  const guard = <T>(name: string, fn: () => Promise<T>) => (isInternalName(name) ? Promise.reject(notFound()) : fn());
  return {
    resolveMx: (name) => guard(name, () => dns.resolveMx(name)),
    resolveTxt: (name) => guard(name.replace(/^_dmarc\./, ''), () => dns.resolveTxt(name)),
    resolveSrv: (name) => guard(name.replace(/^(_[a-z0-9-]+\.)+/i, ''), () => dns.resolveSrv(name)),
  };
}

/** POST /v1/discover: suggestions from DNS only, no connection to the candidates (the client probes the one it picks). */
export function discoverRoutes(app: Hono, ctx: ServerCtx): void {
  const dns = publicOnly(ctx.mailDns);
  app.post('/v1/discover', async (c) => {
    const j = await readJson(c);
    if (!j.ok) return j.res;
    const parsed = DiscoverRequest.safeParse(j.body);
    if (!parsed.success || (parsed.data.email === undefined && parsed.data.domain === undefined)) {
      return c.json(errorBody('invalid_request', { field: 'email', params: { field: 'email' }, message: 'Enter an email address or domain, for example name@yourdomain.com.' }), 400);
    }
    // The same input check discover starts with, before any point is taken.
    const address = parsed.data.email !== undefined ? parsePlainAddress(parsed.data.email) : undefined;
    const valid = address ? address.ok : !!checkMailDomain(parsed.data.domain);
    if (valid) {
      const limited = await ctx.limits.take(c, ['discoverClient', ctx.clientKey(c)]);
      if (limited) return limited;
    }
    const result = await discover(parsed.data, dns);
    if (!result.domain.name) {
      const f = result.findings[0]!;
      const field = parsed.data.email !== undefined ? 'email' : 'domain';
      return c.json(errorBody('invalid_request', { field, message: findingText(f, 'en'), findings: result.findings }), 400);
    }
    ctx.log.info({ domain: result.domain.name, mx: result.domain.mx.length, candidates: result.candidates.length, findings: result.findings.map((f) => f.code).join(' ') }, 'discover');
    return c.json(result);
  });
}
