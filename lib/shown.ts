import type { PortMode, ProbeStep, TlsInfo } from './api';
import type { FormValues } from './drafts';

/** A finding as shown: code, severity, its text in the asked language, and the fix when there is one. */
export interface ShownFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  text: string;
  fix?: FormValues;
}
/** The backend's probe report (lib/api.ts ProbeReport) as the panel gets it: findings with texts. */
export interface ShownProbeReport {
  ok: boolean;
  target: { host: string; port: number; address?: string; addresses: string[] };
  ms: number;
  steps: ProbeStep[];
  server: { banner?: string; extensions: string[]; authMechanisms: string[]; startTls: boolean };
  tls?: TlsInfo;
  detected: { portMode: PortMode; recommendedEncryption?: string };
  findings: ShownFinding[];
}
