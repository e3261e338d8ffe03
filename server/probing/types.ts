import type { ProbeReport } from '../../lib/api';
import type { Finding } from '../../lib/findings';
import type { Auth, Encryption, Mode } from '../../lib/settings';
import type { Config } from '../config';

export interface ProbeInput {
  host: string;
  port: number;
  encryption: Encryption;
  auth?: Auth;
  mode?: Mode;
}

/** Where to connect, as decided by the guard. */
export interface ProbeTarget {
  host: string;
  isName: boolean;
  address: string;
  addresses: string[];
  resolveMs: number;
}

export type ProbeOptions = Pick<Config, 'timeouts' | 'limits' | 'extraCa' | 'ehloName' | 'egressIp' | 'crmRange'>;

export interface ProbeHooks {
  /** Called with each step as soon as it is complete (wire order, the same objects as in the report). */
  onStep?: (step: ProbeReport['steps'][number]) => void;
  /** Aborted when nobody waits for the answer any more: the probe then ends within the current phase. */
  signal?: AbortSignal;
}

export type ProbeResult = Omit<ProbeReport, 'findings'> & { findings: Finding[] };

/** What the TLS layer needs to know about the target: the SNI name, the name the certificate must carry, extra CAs. */
export interface TlsTarget {
  servername?: string;
  checkName: string;
  ca?: string[];
}
