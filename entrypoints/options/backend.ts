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

/** Until components/backend-client.ts is in the build: the two calls the wizard needs, over plain fetch. */
function fallbackClient(baseUrl: string): BackendClient {
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
    if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
    return json;
  };
  return { health: () => call<Health>('/v1/health'), probe: (req) => call<ProbeReport>('/v1/probe', req) };
}

export async function backendClient(baseUrl: string): Promise<BackendClient> {
  return load ? (await load()).createBackendClient(baseUrl) : fallbackClient(baseUrl);
}
