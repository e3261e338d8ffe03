import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** A pending validation: the code itself is never stored, only its HMAC. */
export interface ValidationRecord {
  mac: string;
  domain: string;
  expiresAt: number;
  attempts: number;
  state: 'open' | 'used' | 'locked';
}

export type ConsumeResult = 'ok' | 'missing' | 'used' | 'locked' | 'expired';

/**
 * Where validations and rate limits live. Each method that changes a record is atomic on its own
 * (memory: synchronous; Redis: one Lua script), so concurrent confirms cannot both succeed.
 */
export interface Store {
  kind: 'memory' | 'redis';
  /** `owner` is the client key: the memory store keeps at most `recordsPerClient` pending validations per client. */
  create(id: string, rec: ValidationRecord, keepMs: number, owner?: string): Promise<void>;
  get(id: string): Promise<ValidationRecord | null>;
  /** Marks an open, unexpired, unlocked validation as used; says why not otherwise. */
  consume(id: string, maxAttempts: number, now: number): Promise<ConsumeResult>;
  /** Counts a wrong code; locks at maxAttempts. Returns the attempts so far (null if gone or not open). */
  fail(id: string, maxAttempts: number): Promise<{ attempts: number; state: ValidationRecord['state'] } | null>;
  remove(id: string): Promise<void>;
  /** How many validation records are kept (tests: nothing is left behind). */
  pending(): Promise<number>;
  /** A short-lived marker (a successful probe for these settings from this client). */
  mark(key: string, ttlMs: number): Promise<void>;
  marked(key: string): Promise<boolean>;
  /** The HMAC key (shared by all instances on one Redis). */
  secret(): Promise<Buffer>;
  ping(): Promise<void>;
  /** Waits a moment for a (re)connecting store, so a request right after start or a blip does not fail. */
  whenReady(ms: number): Promise<void>;
  limiter(keyPrefix: string, points: number, duration: number): RateLimiterAbstract;
  close(): Promise<void>;
}

/** Thrown when the store cannot be reached; the app answers 503 store_unavailable. */
export class StoreUnavailable extends Error {
  readonly code = 'store_unavailable';
}

/** Thrown by the memory store when one client already has its share of pending validations (→ 429). */
export class TooManyRecords extends Error {
  readonly code = 'rate_limited';
}

export function memoryStore(configuredSecret?: string, recordsPerClient = 20): Store {
  const map = new Map<string, { rec: ValidationRecord; dropAt: number; owner?: string }>();
  const marks = new Map<string, number>();
  const key = configuredSecret ? Buffer.from(configuredSecret) : randomBytes(32);
  const live = (id: string) => {
    const e = map.get(id);
    if (e && e.dropAt <= Date.now()) {
      map.delete(id);
      return undefined;
    }
    return e;
  };
  return {
    kind: 'memory',
    async create(id, rec, keepMs, owner) {
      const now = Date.now();
      let mine = 0;
      for (const [k, v] of map) {
        if (v.dropAt <= now) map.delete(k);
        else if (owner !== undefined && v.owner === owner) mine++;
      }
      if (owner !== undefined && mine >= recordsPerClient) throw new TooManyRecords(`client has ${mine} pending validations`);
      if (map.size >= 100_000) throw new StoreUnavailable('too many pending validations');
      map.set(id, { rec: { ...rec }, dropAt: now + keepMs, owner });
    },
    async get(id) {
      const e = live(id);
      return e ? { ...e.rec } : null;
    },
    async consume(id, max, now) {
      const e = live(id);
      if (!e) return 'missing';
      if (e.rec.state !== 'open') return e.rec.state;
      if (e.rec.expiresAt <= now) return 'expired';
      if (e.rec.attempts >= max) return 'locked';
      e.rec.state = 'used';
      return 'ok';
    },
    async fail(id, max) {
      const e = live(id);
      if (!e || e.rec.state !== 'open') return null;
      e.rec.attempts++;
      if (e.rec.attempts >= max) e.rec.state = 'locked';
      return { attempts: e.rec.attempts, state: e.rec.state };
    },
    async remove(id) {
      map.delete(id);
    },
    async pending() {
      let n = 0;
      for (const id of [...map.keys()]) if (live(id)) n++;
      return n;
    },
    async mark(k, ttlMs) {
      const now = Date.now();
      if (marks.size > 50_000) for (const [m, until] of marks) if (until <= now) marks.delete(m);
      marks.set(k, now + ttlMs);
    },
    async marked(k) {
      const until = marks.get(k);
      return until !== undefined && until > Date.now();
    },
    async secret() {
      return key;
    },
    async ping() {},
    async whenReady() {},
    limiter(keyPrefix, points, duration) {
      return new RateLimiterMemory({ keyPrefix, points, duration });
    },
    async close() {
      map.clear();
      marks.clear();
    },
  };
}

const CONSUME = `
local s = redis.call('HMGET', KEYS[1], 'state', 'attempts', 'expiresAt')
if not s[1] then return 'missing' end
if s[1] ~= 'open' then return s[1] end
if tonumber(s[3]) <= tonumber(ARGV[2]) then return 'expired' end
if tonumber(s[2]) >= tonumber(ARGV[1]) then return 'locked' end
redis.call('HSET', KEYS[1], 'state', 'used')
return 'ok'`;

const FAIL = `
local s = redis.call('HGET', KEYS[1], 'state')
if (not s) or s ~= 'open' then return {-1, s or 'missing'} end
local a = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if a >= tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'state', 'locked'); return {a, 'locked'} end
return {a, 'open'}`;

/**
 * Redis store: one hash per validation (msa:v:<id>), rate limits by rate-limiter-flexible.
 * No offline queue and one retry per command, so a Redis outage fails fast (503) instead of piling up
 * requests; ioredis keeps reconnecting in the background, so service resumes without a restart.
 */
export function redisStore(url: string, configuredSecret?: string, onError?: (e: Error) => void): Store {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  redis.on('error', (e) => onError?.(e));
  const k = (id: string) => `msa:v:${id}`;
  const wrap = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw new StoreUnavailable((e as Error).message);
    }
  };
  let cachedKey: Buffer | undefined = configuredSecret ? Buffer.from(configuredSecret) : undefined;
  return {
    kind: 'redis',
    create: (id, rec, keepMs) =>
      wrap(async () => {
        await redis
          .multi()
          .hset(k(id), { mac: rec.mac, domain: rec.domain, expiresAt: String(rec.expiresAt), attempts: String(rec.attempts), state: rec.state })
          .pexpire(k(id), keepMs)
          .exec();
      }),
    get: (id) =>
      wrap(async () => {
        const h = await redis.hgetall(k(id));
        if (!h.mac) return null;
        return { mac: h.mac, domain: h.domain ?? '', expiresAt: Number(h.expiresAt), attempts: Number(h.attempts), state: h.state as ValidationRecord['state'] };
      }),
    consume: (id, max, now) => wrap(async () => (await redis.eval(CONSUME, 1, k(id), String(max), String(now))) as ConsumeResult),
    fail: (id, max) =>
      wrap(async () => {
        const [a, state] = (await redis.eval(FAIL, 1, k(id), String(max))) as [number, string];
        return a < 0 ? null : { attempts: a, state: state as ValidationRecord['state'] };
      }),
    remove: (id) => wrap(async () => void (await redis.del(k(id)))),
    pending: () =>
      wrap(async () => {
        let n = 0;
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', 'msa:v:*', 'COUNT', 1000);
          n += keys.length;
          cursor = next;
        } while (cursor !== '0');
        return n;
      }),
    mark: (key, ttlMs) => wrap(async () => void (await redis.set(`msa:m:${key}`, '1', 'PX', ttlMs))),
    marked: (key) => wrap(async () => (await redis.exists(`msa:m:${key}`)) === 1),
    secret: () =>
      wrap(async () => {
        if (cachedKey) return cachedKey;
        // The first instance creates the key; every other instance reads the same one.
        await redis.set('msa:secret', randomBytes(32).toString('base64'), 'NX');
        const v = await redis.get('msa:secret');
        if (!v) throw new Error('secret missing');
        cachedKey = Buffer.from(v, 'base64');
        return cachedKey;
      }),
    ping: () => wrap(async () => void (await redis.ping())),
    whenReady: (ms) =>
      redis.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              redis.off('ready', done);
              resolve();
            };
            const timer = setTimeout(done, ms);
            redis.once('ready', done);
          }),
    limiter(keyPrefix, points, duration) {
      return new RateLimiterRedis({ storeClient: redis, keyPrefix: `msa:rl:${keyPrefix}`, points, duration });
    },
    async close() {
      redis.disconnect();
    },
  };
}
