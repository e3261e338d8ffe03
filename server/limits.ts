import type { Context } from 'hono';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from './config';
import { errorBody } from './http-errors';
import type { Metrics } from './metrics';
import { StoreUnavailable, type Store } from './store';

export type LimiterName =
  | 'probeClient'
  | 'discoverClient'
  | 'probeTarget'
  | 'probeTargetGlobal'
  | 'valClient'
  | 'valRecipient'
  | 'valRecipientGlobal'
  | 'valTarget'
  | 'valTargetGlobal'
  | 'confirmClient'
  | 'loginFailures';

/**
 * The abuse limits (docs/ARCHITECTURE.md, "Abuse limits"). Rate limits live in the store (memory or
 * Redis, so instances share them); the running-probe and running-send counts are per instance.
 * Callers take points only after the input parsed and the guard passed.
 */
export function createLimits(config: Config, store: Store, metrics: Metrics) {
  const r = config.rates;
  const limiters: Record<LimiterName, RateLimiterAbstract> = {
    probeClient: store.limiter('probe-client', ...r.probePerClient),
    discoverClient: store.limiter('discover-client', ...r.discoverPerClient),
    probeTarget: store.limiter('probe-target', ...r.probePerTarget),
    probeTargetGlobal: store.limiter('probe-target-all', ...r.probePerTargetGlobal),
    valClient: store.limiter('val-client', ...r.validationPerClient),
    valRecipient: store.limiter('val-rcpt', ...r.validationPerRecipient),
    valRecipientGlobal: store.limiter('val-rcpt-all', ...r.validationPerRecipientGlobal),
    valTarget: store.limiter('val-target', ...r.validationPerTarget),
    valTargetGlobal: store.limiter('val-target-all', ...r.validationPerTargetGlobal),
    confirmClient: store.limiter('confirm-client', ...r.confirmPerClient),
    loginFailures: store.limiter('login-fail', ...r.loginFailures),
  };

  const refused = (c: Context, name: string, ms: number) => {
    metrics.rateLimited.inc({ limit: name });
    const retryAfter = Math.max(1, Math.ceil(ms / 1000));
    c.header('Retry-After', String(retryAfter));
    return c.json(errorBody('rate_limited', { retryAfter, params: { limit: name, seconds: retryAfter } }), 429);
  };

  /** Takes one point from each bucket in turn; a full bucket is a 429, a store failure is thrown (→ 503). */
  const take = async (c: Context, ...buckets: Array<[LimiterName, string]>): Promise<Response | undefined> => {
    for (const [name, key] of buckets) {
      try {
        await limiters[name].consume(key);
      } catch (e) {
        if (e instanceof Error) {
          metrics.storeErrors.inc();
          throw new StoreUnavailable(e.message);
        }
        return refused(c, name, (e as { msBeforeNext?: number }).msBeforeNext ?? 1000);
      }
    }
    return undefined;
  };

  const storeCall = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      metrics.storeErrors.inc();
      if (e instanceof StoreUnavailable) throw e;
      throw new StoreUnavailable((e as Error)?.message ?? String(e));
    }
  };

  const loginKey = (address: string, username: string) => `${address}|${username.trim().toLowerCase()}`;

  /** Slots held per client and in all; `acquire` says which cap is full. */
  const slots = (perClient: number, total: number) => {
    const byClient = new Map<string, number>();
    let running = 0;
    return {
      get running() {
        return running;
      },
      acquire(client: string): 'ok' | 'global' | 'client' {
        if (running >= total) return 'global';
        if ((byClient.get(client) ?? 0) >= perClient) return 'client';
        running++;
        byClient.set(client, (byClient.get(client) ?? 0) + 1);
        return 'ok';
      },
      release(client: string) {
        running--;
        const n = (byClient.get(client) ?? 1) - 1;
        if (n <= 0) byClient.delete(client);
        else byClient.set(client, n);
      },
    };
  };

  return {
    take,
    refused,
    probes: slots(config.limits.probesPerClient, config.limits.concurrentProbes),
    sends: slots(config.limits.concurrentSends, config.limits.concurrentSends),
    /** Whether (target IP, username) has had too many failed logins: refuse before connecting. */
    async loginLocked(address: string, username: string): Promise<number | undefined> {
      const res = await storeCall(() => limiters.loginFailures.get(loginKey(address, username)));
      if (res && res.consumedPoints >= r.loginFailures[0]) return res.msBeforeNext;
      return undefined;
    },
    async loginFailed(address: string, username: string): Promise<void> {
      await storeCall(() => limiters.loginFailures.penalty(loginKey(address, username)));
    },
    probeOkKey,
    storeCall,
  };
}

export type Limits = ReturnType<typeof createLimits>;

/** A probe that succeeded: the same client may ask for a validation mail for these settings for a while. */
export function probeOkKey(client: string, address: string, port: number, encryption: string, username: string | undefined): string {
  return `probe-ok:${client}|${address}|${port}|${encryption}|${(username ?? '').trim().toLowerCase()}`;
}
