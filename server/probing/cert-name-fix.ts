import { isIP } from 'node:net';
import { guardTarget, type GuardOptions } from '../guard';
import type { ProbeResult } from './types';

/**
 * A certificate for another name is common on shared hosting: mail.klant.nl points at a server whose
 * certificate names server12.hoster.nl. When one of the certificate's own names leads to the very address
 * the probe tested (looked up through the guard, so only a public name counts), that name is the one-click
 * fix for Hostnaam. Wildcards and IP addresses are not names to fill in; at most 5 names, looked up together.
 */
export async function addCertNameFix(report: ProbeResult, address: string, port: number, guardOpts: GuardOptions): Promise<void> {
  const finding = report.findings.find((f) => f.code === 'cert-name-mismatch');
  if (!finding || finding.fix || !report.tls) return;
  const names = report.tls.certificate.altNames.filter((n) => !n.includes('*') && !isIP(n) && n.includes('.')).slice(0, 5);
  const leads = await Promise.all(names.map((n) => guardTarget(n, port, guardOpts).then((g) => g.ok && g.addresses.includes(address))));
  const name = names.find((_, i) => leads[i]);
  if (name) finding.fix = { host: name };
}
