import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import { clientAddress, clientKey } from './client-ip';
import type { Config } from './config';
import type { MailDns } from './discover';
import type { GuardOptions } from './guard';
import type { Limits } from './limits';
import type { Metrics } from './metrics';
import type { Store } from './store';

/** What every route module gets from createApp. */
export interface ServerCtx {
  config: Config;
  store: Store;
  log: Logger;
  limits: Limits;
  metrics: Metrics;
  guardOpts: GuardOptions;
  mailDns: MailDns;
  now: () => number;
  newCode: () => string;
  /** The client's address (socket peer, or X-Forwarded-For from a trusted proxy). */
  clientAddress(c: Context): string;
  /** The key the client is limited by (IPv4 /32, IPv6 /64). */
  clientKey(c: Context): string;
  /** Work that SIGTERM waits for (running probes and sends). */
  track<T>(p: Promise<T>): Promise<T>;
}

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address ?? undefined;
  } catch {
    return undefined; // app.request() in tests: no socket
  }
}

export function clientFns(config: Config) {
  const address = (c: Context) => clientAddress(peerAddress(c) ?? 'local', c.req.header('x-forwarded-for'), config.trustProxy, config.trustProxyHops);
  return { clientAddress: address, clientKey: (c: Context) => clientKey(address(c)) };
}
