import { createRequire } from 'node:module';
import type net from 'node:net';

/*
 * Why a probe used to lose ~40 ms after every TLS handshake, and the fix.
 *
 * A packet capture on loopback against Postfix 3.7 (tcpdump -i lo, port 465) shows it:
 *   client → server  TLS Finished                     (80 bytes)
 *   server → client  2 × TLS 1.3 NewSessionTicket      (255 bytes, one segment)
 *   ... 44 ms nothing ...
 *   client → server  ACK
 *   server → client  "220 mail.test.nl ESMTP"          (67 bytes)
 * The server writes the tickets and then, microseconds later, its greeting (465) or its reply to the
 * EHLO we sent right after the handshake (587). Nagle's algorithm on the server holds that second small
 * write until the first is acknowledged. Our kernel delays that ACK: the connection is in "ping-pong"
 * mode (we answered the server's previous flight at once, so Linux expects to piggyback the ACK on our
 * next write), and a 255-byte segment is not a full one, so the delayed-ACK timer (40 ms minimum) runs.
 * With TLS 1.2 it is the same with the server's Finished in place of the tickets (465). Neither
 * `noDelay` on our socket (the held write is the server's), nor refusing tickets (the server still
 * sends them), nor TLS 1.2 changes it. swaks happens to escape it on 587 only because Perl is slow
 * enough that its EHLO leaves after the tickets arrived, carrying the ACK; on 465 it waits too.
 *
 * The fix on our side: acknowledge at once what arrives at the end of the handshake. TCP_QUICKACK on
 * our socket, set when the handshake completes and again when a session ticket arrives, makes Linux
 * send the pending ACK now instead of at the timer; the server's held greeting or reply follows in
 * microseconds. Node has no API for it, so the optional `sockopt` package (N-API, prebuilt for
 * linux-x64) sets it; without it (other platforms) a TLS 1.3 connection waits briefly for the first
 * ticket before our first write, so that write carries the ACK (what fixes 587; 465 then keeps its wait).
 */
const IPPROTO_TCP = 6;
const TCP_QUICKACK = 12;
type SetSockOpt = (socket: net.Socket, level: number, name: number, value: number) => void;
let setsockopt: SetSockOpt | null | undefined;

/** True when TCP_QUICKACK can be set here (Linux with the optional `sockopt` package). */
export function canAckPromptly(): boolean {
  if (setsockopt === undefined) {
    try {
      // PROBE_NO_QUICKACK=1 turns it off, so the bench can measure the fallback.
      setsockopt = process.platform === 'linux' && process.env.PROBE_NO_QUICKACK !== '1' ? (createRequire(import.meta.url)('sockopt') as { setsockopt: SetSockOpt }).setsockopt : null;
    } catch {
      setsockopt = null;
    }
  }
  return setsockopt !== null;
}

/** Sends a pending delayed ACK now (TCP_QUICKACK); a no-op where it is not available or the socket is gone. */
export function ackPromptly(socket: net.Socket): void {
  if (!canAckPromptly() || socket.destroyed) return;
  try {
    setsockopt!(socket, IPPROTO_TCP, TCP_QUICKACK, 1);
  } catch {
    /* not a TCP socket with a descriptor (any more): nothing to speed up */
  }
}
