import type { Finding } from './findings';
import { presetsForHost } from './presets';
import type { Encryption } from './settings';

// Port and encryption together: the one pair every fix about either leads to.

/** The encryption a port speaks on the wire, when the port says it: 465 implicit TLS, 25/587 STARTTLS. */
const wireEncryption = (port: number | undefined): Encryption | undefined => (port === 465 ? 'ssl' : port === 587 || port === 25 ? 'tls' : undefined);

/**
 * The one port + encryption the rules steer to, knowing the provider. For a preset host: a pair the provider
 * documents, keeping what the admin chose where the provider offers it (their port and encryption, else their
 * encryption on the provider's port for it, else their port, else the preset's). For any other host: the
 * encryption that fits the admin's port (465 → "Gebruik SSL", otherwise "Gebruik TLS"). Every fix about port
 * or encryption leads here, so two fixes never pull in different directions (issue: Office 365 on 465).
 */
export function recommendedTransport(host: string | undefined, port: number | undefined, encryption?: string): { port?: number; encryption: Encryption } {
  const presets = host ? presetsForHost(host) : [];
  if (presets.length) {
    const pairs = presets.flatMap((p) => [{ port: p.port, encryption: p.encryption }, ...(p.alsoPorts ?? [])]);
    return (
      pairs.find((x) => x.port === port && x.encryption === encryption) ??
      pairs.find((x) => x.encryption === encryption) ??
      pairs.find((x) => x.port === port) ??
      pairs[0]!
    );
  }
  return { encryption: wireEncryption(port) === 'ssl' ? 'ssl' : 'tls' };
}

/** The part of the recommended transport that differs from the draft; undefined when nothing would change. */
export function transportFix(host: string | undefined, port: number | undefined, encryption: Encryption | undefined): Finding['fix'] {
  const r = recommendedTransport(host, port, encryption);
  const fix: { port?: number; encryption?: Encryption } = {};
  if (r.port !== undefined && r.port !== port) fix.port = r.port;
  if (r.encryption !== encryption) fix.encryption = r.encryption;
  return Object.keys(fix).length ? fix : undefined;
}
