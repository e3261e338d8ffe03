import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpConnection } from './smtp/connection';
import { SmtpError } from './smtp/errors';
import { startRaw } from './testing/smtp';

// SECURITY.md "Backend in public": the smtp-client line cap must also fail on an over-long line that ends
// in the same chunk (it used to be dropped silently, and the reader then waited for a reply that never came).
const limits = { lineBytes: 1024, replyLines: 50, sessionBytes: 64 * 1024 };
let server: { port: number; close(): Promise<void> };

beforeAll(async () => {
  // One write: a 4 KB greeting line and its CRLF in the same chunk, then a normal line.
  server = await startRaw((s) => s.write(`220 ${'x'.repeat(4000)}\r\n220 ok\r\n`));
});
afterAll(() => server.close());

describe('smtp-client line cap', () => {
  it('an over-long line that ends in the same chunk fails with ETOOBIG (not dropped)', async () => {
    const conn = await SmtpConnection.connect('127.0.0.1', server.port, { ms: 2000, code: 'ETIMEDOUT' }, limits);
    const err = await conn.readReply({ ms: 1500, code: 'ETIMEDOUT' }).then(
      (reply) => reply,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SmtpError);
    expect((err as SmtpError).code).toBe('ETOOBIG');
  });
});
