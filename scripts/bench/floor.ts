import { createRequire } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

// ---------------------------------------------------------------------------------------------- floor
// The same exchange with Node's net/tls and nothing else: connect, greeting, EHLO, (STARTTLS, handshake,
// EHLO), AUTH PLAIN, QUIT; its 221 is read after the figure is taken, as the probe answers before it.
// `quickAck` adds the one socket option the probe uses (see server/smtp/quick-ack.ts).
export const setsockopt = (() => {
  try {
    return (createRequire(import.meta.url)('sockopt') as { setsockopt: (s: net.Socket, l: number, n: number, v: number) => void }).setsockopt;
  } catch {
    return undefined;
  }
})();

export function floor(port: number, implicit: boolean, user: string, pass: string, quickAck: boolean): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const raw = net.connect(port, '127.0.0.1');
    const ack = () => quickAck && setsockopt?.(raw, 6, 12, 1);
    let sock: net.Socket = raw;
    let buf = '';
    let waiter: ((reply: string) => void) | undefined;
    const onData = (d: Buffer) => {
      buf += d.toString('latin1');
      const lines = buf.split('\r\n');
      const last = lines.at(-2);
      if (last && /^\d{3} /.test(last) && buf.endsWith('\r\n')) {
        const r = buf;
        buf = '';
        waiter?.(r);
      }
    };
    const reply = () => new Promise<string>((r) => (waiter = r));
    const cmd = (line: string) => (sock.write(`${line}\r\n`), reply());
    const secure = () =>
      new Promise<void>((ok, bad) => {
        raw.off('data', onData);
        const s = tls.connect({ socket: raw, rejectUnauthorized: false }, () => (ack(), ok()));
        s.on('session', ack);
        s.on('data', onData);
        s.once('error', bad);
        sock = s;
      });
    raw.once('error', reject);
    raw.once('connect', async () => {
      try {
        if (implicit) {
          const g = reply();
          await secure();
          await g;
        } else {
          raw.on('data', onData);
          await reply();
          await cmd('EHLO bench.local');
          await cmd('STARTTLS');
          await secure();
        }
        await cmd('EHLO bench.local');
        const a = await cmd(`AUTH PLAIN ${Buffer.from(`\0${user}\0${pass}`).toString('base64')}`);
        if (!a.startsWith('235')) throw new Error(`floor AUTH: ${a.trim()}`);
        // As the probe does: QUIT goes out, and its 221 is read after the figure is taken.
        void cmd('QUIT').then(() => sock.destroy());
        setTimeout(() => sock.destroy(), 300).unref();
        resolve(performance.now() - t0);
      } catch (e) {
        sock.destroy();
        reject(e);
      }
    });
  });
}

