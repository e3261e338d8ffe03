/**
 * Ports as typed or stored: the one parser for the wizard, the panel, the rules, the daily check and the
 * background. Tiny and schema-free: the popup loads it at start.
 */

/** The number a port field holds: a number as it is, a string of 1–5 digits (spaces around allowed); else undefined. No range check. */
export function portNumber(raw: number | string | undefined): number | undefined {
  if (typeof raw === 'number') return raw;
  return typeof raw === 'string' && /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

/** Parses a port as typed: an integer 1–65535, digits only. */
export function parsePort(raw: number | string | undefined): number | undefined {
  const n = portNumber(raw);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}
