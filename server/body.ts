import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

const utf8 = new TextDecoder();

/**
 * A request body, read whole but never more than `max` bytes (413 otherwise; the Content-Length header is
 * checked first, a chunked body while it arrives).
 *
 * Served by @hono/node-server (main.ts), the bytes come straight from Node's IncomingMessage (`c.env.incoming`).
 * Going through `c.req.raw.body`, as hono's bodyLimit does, makes the adapter build a full web Request and
 * ReadableStream for every call: about 0.4 ms of CPU per request on the bench machine, for nothing.
 * `app.request()` in the tests has no IncomingMessage: there the web body is read, with the same cap.
 */
export async function readBodyCapped(c: Context, max: number): Promise<string | 'too-large'> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > max) return 'too-large';
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const bytes = incoming && typeof incoming.on === 'function' ? await fromIncoming(incoming, max) : await fromWeb(c.req.raw.body, max);
  return bytes === 'too-large' ? bytes : utf8.decode(bytes);
}

function fromIncoming(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (d: Buffer) => {
      size += d.length;
      if (size > max) {
        done();
        // The rest is not read: the answer closes the connection (see the 413 in middleware.ts).
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(d);
    };
    const onEnd = () => (done(), resolve(Buffer.concat(chunks, size)));
    const onError = (e: Error) => (done(), reject(e));
    const onClose = () => (done(), reject(new Error('the client closed the connection before the body ended')));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

async function fromWeb(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array | 'too-large'> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const ch of chunks) {
    out.set(ch, at);
    at += ch.length;
  }
  return out;
}
