import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** No 0/O, 1/I/L: 31 symbols, 6 characters ≈ 29.7 bits (NIST SP 800-63B asks for ≥ 20). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 6;

export function newCode(): string {
  let c = '';
  for (let i = 0; i < CODE_LENGTH; i++) c += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return c;
}

/** The code as typed: surrounding spaces and lower case forgiven; anything else (full-width digits, 7 chars) is not a code. */
export function normalizeCode(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const c = raw.trim().replace(/[a-z]/g, (ch) => ch.toUpperCase());
  if (c.length !== CODE_LENGTH) return undefined;
  for (const ch of c) if (!CODE_ALPHABET.includes(ch)) return undefined;
  return c;
}

/** HMAC bound to the validation id: a code for one validation is worthless for another. */
export function codeMac(key: Buffer, id: string, code: string): string {
  return createHmac('sha256', key).update(`${id}:${code}`).digest('base64url');
}

export function macEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64url');
  const y = Buffer.from(b, 'base64url');
  // timingSafeEqual throws on different lengths; a stored MAC always has the same length as a fresh one.
  return x.length === y.length && timingSafeEqual(x, y);
}
