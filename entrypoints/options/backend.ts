import type { Finding } from '@/lib/findings';

/** The parts of components/backend-client.ts (backend work) the options page uses. */
export interface ProbeStep {
  step: string;
  status: 'ok' | 'warn' | 'fail' | 'skipped';
  ms?: number;
  code?: string;
  message?: string;
}
export interface ProbeReport {
  ok: boolean;
  steps: ProbeStep[];
  findings: Finding[];
  detected?: { portMode?: string; recommendedEncryption?: string };
}
export interface Health {
  ok: boolean;
  version?: string;
  store?: string;
}
export interface BackendClient {
  health(): Promise<Health>;
  probe(req: unknown): Promise<ProbeReport>;
}

// Lazy, and only if the file is in this build: keeps the client out of the options page's start bundle.
const modules = import.meta.glob<{ createBackendClient: (baseUrl: string) => BackendClient }>('../../components/backend-client.ts');
const load = Object.values(modules)[0];

export const backendClientAvailable = load !== undefined;

export async function backendClient(baseUrl: string): Promise<BackendClient> {
  if (!load) throw new Error('backend-client missing');
  return (await load()).createBackendClient(baseUrl);
}
