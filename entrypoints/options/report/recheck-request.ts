import type { ProbeRequest } from '@/lib/api';
import { checkHost } from '@/lib/host';
import { parsePort } from '@/lib/port';
import { ENCRYPTIONS, type Encryption } from '@/lib/settings';
import type { SupportReport } from '@/lib/report/parse-report';

/** The probe request for the customer's host/port/encryption, without any password; or the fields that stop it. */
export function recheckRequest(report: SupportReport): { ok: true; req: ProbeRequest } | { ok: false; fields: ('host' | 'port' | 'encryption')[] } {
  const f = report.form;
  const host = typeof f.host === 'string' ? checkHost(f.host) : undefined;
  const port = parsePort(f.port);
  const encryption = (ENCRYPTIONS as readonly string[]).includes(f.encryption ?? '') ? (f.encryption as Encryption) : undefined;
  const bad = [!host?.ok && ('host' as const), port === undefined && ('port' as const), !encryption && ('encryption' as const)].filter((x) => x !== false);
  if (bad.length || !host?.ok || port === undefined || !encryption) return { ok: false, fields: bad };
  return {
    ok: true,
    req: {
      host: host.host,
      port,
      encryption,
      // Never a password: with IP whitelisting the test says what it proves from here; otherwise no login at all.
      ...(f.authMethod === 'ip-whitelist' ? { auth: { method: 'ip-whitelist' as const } } : {}),
      ...(f.mode === 'relay' || f.mode === 'mailbox' ? { mode: f.mode } : {}),
    },
  };
}
