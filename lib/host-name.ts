/**
 * A host name as compared and looked up: trimmed, lower case, without the root's trailing dot. The one
 * normalisation for hosts in the extension and the backend (presets, the password rule, DNS answers, limits).
 * Its own tiny module: the popup loads it at start, without lib/host.ts checkHost (which judges typed hosts).
 */
export const normalizeHost = (host: string): string => host.trim().toLowerCase().replace(/\.$/, '');
