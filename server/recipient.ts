import { normalizeHost } from '../lib/host-name';

/**
 * The recipient's domain, the key for per-recipient limits: case folded, a trailing dot dropped.
 * Plus-tags and case in the local part do not matter because the local part is not in the key at all.
 */
export function recipientDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return normalizeHost(address.slice(at + 1));
}
