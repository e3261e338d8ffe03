import { describe, expect, it } from 'vitest';
import { DiscoverResult, ProbeReport, ProbeRequest, ProbeStreamLine } from './api';
import { findingText } from './i18n';

// A hosted backend is updated before the stores ship the extension: its answers may carry codes, steps and
// values this extension does not know yet. They must still parse; requests stay strict.
const report = {
  ok: false,
  target: { host: 'smtp.voorbeeld.nl', port: 587, addresses: ['192.0.2.1'] },
  ms: 40,
  steps: [
    { step: 'resolve', status: 'ok', ms: 1 },
    { step: 'dane', status: 'warn', ms: 2, code: 'EDANE' },
    { step: 'tls', status: 'fail', ms: 3, code: 'ETLS' },
  ],
  server: { extensions: [], authMechanisms: [], startTls: true },
  detected: { portMode: 'quic', recommendedEncryption: 'tls-1.4' },
  findings: [
    { code: 'tls-version-outdated', severity: 'error', params: { detail: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' } },
    { code: 'dane-mismatch', severity: 'error', params: { x: 1 } },
    { code: 'mta-sts-missing', severity: 'loud' },
    { code: 'cert-expired', severity: 'nonsense' },
    'not a finding',
  ],
};

describe('answers from a newer backend', () => {
  it('a report: unknown finding codes become finding-unknown, unknown steps are left out, unknown modes read as unknown', () => {
    const r = ProbeReport.parse(report);
    expect(r.findings).toEqual([
      { code: 'tls-version-outdated', severity: 'error', params: { detail: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' } },
      { code: 'finding-unknown', severity: 'error', params: { code: 'dane-mismatch' } },
      { code: 'finding-unknown', severity: 'warning', params: { code: 'mta-sts-missing' } },
    ]);
    expect(r.steps.map((s) => s.step)).toEqual(['resolve', 'tls']);
    expect(r.detected).toEqual({ portMode: 'unknown', recommendedEncryption: undefined });
    expect(findingText(r.findings[1]!, 'nl')).toContain('(dane-mismatch). Werk de extensie bij');
    expect(findingText(r.findings[1]!, 'en')).toContain('Update the extension');
  });

  it('a known step that does not fit is still an error, as is a report without its parts', () => {
    expect(ProbeReport.safeParse({ ...report, steps: [{ step: 'tls', ms: 3 }] }).success).toBe(false);
    expect(ProbeReport.safeParse({ ...report, findings: undefined }).success).toBe(false);
  });

  it('a stream line with a step of a new name parses (the client skips it); one without status does not', () => {
    expect(ProbeStreamLine.safeParse({ type: 'step', step: { step: 'dane', status: 'ok', ms: 1 } }).success).toBe(true);
    expect(ProbeStreamLine.safeParse({ type: 'step', step: { step: 'dane', ms: 1 } }).success).toBe(false);
  });

  it('discover: a new candidate source or confidence reads as the most modest one; unknown findings as above', () => {
    const d = DiscoverResult.parse({
      domain: { name: 'voorbeeld.nl', mx: [] },
      candidates: [{ settings: { host: 'smtp.voorbeeld.nl', port: 587, encryption: 'tls', authMethod: 'password' }, source: 'autoconfig', confidence: 'certain' }],
      findings: [{ code: 'bimi-missing', severity: 'info' }],
    });
    expect(d.candidates[0]).toMatchObject({ source: 'guess', confidence: 'low' });
    expect(d.findings).toEqual([{ code: 'finding-unknown', severity: 'info', params: { code: 'bimi-missing' } }]);
  });

  it('requests stay strict', () => {
    expect(ProbeRequest.safeParse({ host: 'smtp.voorbeeld.nl', port: 587, encryption: 'tls-1.4' }).success).toBe(false);
  });
});
