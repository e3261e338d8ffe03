import type { PeerCertificate } from 'node:tls';
import type { TlsInfo } from '../../lib/api';
import { parseCrmRange } from '../../lib/crm-range';
import type { Finding } from '../../lib/findings';
import type { Phase } from '../replies';
import type { SmtpError } from '../smtp/errors';
import type { TlsDetails } from '../smtp/tls-handshake';
import type { ProbeOptions } from './types';

/** The finding for a failure on the wire (no SMTP reply to quote): refused, timed out, closed, too big, TLS. */
export function errorFinding(e: SmtpError, phase: Phase, port: number): Finding {
  switch (e.code) {
    case 'ECONNREFUSED':
      return { code: 'connection-refused', severity: 'error', field: 'port', params: { port } };
    case 'EUNREACH':
      return { code: 'connection-refused', severity: 'error', field: 'host', variant: 'unreachable', params: { port } };
    case 'ETIMEDOUT':
      if (phase === 'greeting' && /TCP/.test(e.message)) return { code: 'connection-timeout', severity: 'error', field: 'port', variant: port === 25 ? 'port-25' : undefined, params: { port } };
      if (phase === 'greeting') return { code: 'greeting-timeout', severity: 'error', params: { port } };
      return { code: 'server-reply-invalid', severity: 'error', variant: 'timeout', params: { phase } };
    case 'EDEADLINE':
      return { code: 'probe-deadline', severity: 'error', params: { phase } };
    case 'ECLOSED':
      return { code: 'connection-closed', severity: 'error', params: { phase } };
    case 'ETOOBIG':
      return { code: 'server-reply-invalid', severity: 'error', variant: 'too-big', params: { phase } };
    case 'ETLS':
      return { code: 'tls-handshake-failed', severity: 'error', field: 'encryption', params: { detail: e.detail ?? 'unknown' } };
    default:
      return phase === 'auth' && /AUTH/.test(e.message)
        ? { code: 'auth-protocol', severity: 'error', field: 'auth' }
        : { code: 'server-reply-invalid', severity: 'error', params: { phase } };
  }
}

const dn = (o: Record<string, string | string[]> | undefined) =>
  o ? Object.entries(o).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`).join(', ') : '';
const iso = (s: string | undefined) => {
  const d = s ? new Date(s) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
};

/** The report's view of a TLS session: protocol, cipher, trust and the certificate's names and dates. */
export function describeTls(d: TlsDetails): TlsInfo {
  const c: Partial<PeerCertificate> = d.cert ?? {};
  return {
    protocol: d.protocol,
    cipher: d.cipher,
    trusted: d.authorized,
    trustError: d.authorizationError,
    hostnameMatches: d.hostnameMatches,
    certificate: {
      subject: dn(c.subject as never),
      issuer: dn(c.issuer as never),
      validFrom: iso(c.valid_from),
      validTo: iso(c.valid_to),
      altNames: (c.subjectaltname ?? '').split(', ').map((n) => n.replace(/^(DNS|IP Address):/, '')).filter(Boolean).slice(0, 50),
    },
  };
}

/** What is wrong with the certificate: expired or not yet valid, self-signed or untrusted, another name. Empty when fine. */
export function certFindings(d: TlsDetails, host: string): Finding[] {
  const out: Finding[] = [];
  const now = Date.now();
  const to = d.cert?.valid_to ? new Date(d.cert.valid_to).getTime() : NaN;
  const from = d.cert?.valid_from ? new Date(d.cert.valid_from).getTime() : NaN;
  const err = d.authorizationError;
  if (err === 'CERT_HAS_EXPIRED' || to < now) out.push({ code: 'cert-expired', severity: 'error', params: { validTo: iso(d.cert?.valid_to).slice(0, 10) } });
  else if (err === 'CERT_NOT_YET_VALID' || from > now) out.push({ code: 'cert-not-yet-valid', severity: 'error', params: { validFrom: iso(d.cert?.valid_from).slice(0, 10) } });
  if (err === 'DEPTH_ZERO_SELF_SIGNED_CERT' || err === 'SELF_SIGNED_CERT_IN_CHAIN') out.push({ code: 'cert-self-signed', severity: 'error' });
  else if (!d.authorized && err !== 'CERT_HAS_EXPIRED' && err !== 'CERT_NOT_YET_VALID') out.push({ code: 'cert-untrusted', severity: 'error', params: { reason: err ?? 'unknown' } });
  if (!d.hostnameMatches) {
    const names = (d.cert?.subjectaltname ?? '').replace(/(DNS|IP Address):/g, '').slice(0, 200) || String(d.cert?.subject?.CN ?? '');
    out.push({ code: 'cert-name-mismatch', severity: 'error', field: 'host', params: { host, names } });
  }
  return out;
}

/** In ip-whitelist mode a probe from here proves reachability and TLS, not that the CRM's range is allowed. */
export function whitelistScope(opts: Pick<ProbeOptions, 'crmRange' | 'egressIp'>): Finding {
  const range = parseCrmRange(opts.crmRange);
  const canonical = range.ok ? range.range.canonical : opts.crmRange;
  if (!opts.egressIp) return { code: 'whitelist-scope', severity: 'info', field: 'auth', variant: 'unknown', params: { range: canonical } };
  const inside = range.ok && range.range.contains(opts.egressIp);
  return { code: 'whitelist-scope', severity: 'info', field: 'auth', variant: inside ? 'inside' : 'outside', params: { egressIp: opts.egressIp, range: canonical } };
}
