import type { FormValues } from '@/lib/drafts';
import type { ProbeReport, ProbeRequest, ProbeStep } from '@/lib/api';
import { DEFAULT_BACKEND_URL } from '@/lib/prefs';
import { portNumber } from '@/lib/port';
import { createBackendClient, type BackendResult } from '@/services/backend-client';
import { loadLocal } from '@/services/settings-store';

export interface ProbeOutcome {
  /** The backend asked (prefs.backendUrl, else the default), for messages such as "not reachable at …". */
  backendUrl: string;
  result: BackendResult<ProbeReport>;
}

/** The probe request for the form's values; a password only with password authentication. */
export function probeRequest(values: FormValues, password: string | undefined): ProbeRequest {
  // An unreadable port goes as NaN (null on the wire): the backend names the field.
  const port = portNumber(values.port) ?? NaN;
  const auth =
    values.authMethod === 'ip-whitelist'
      ? ({ method: 'ip-whitelist' } as const)
      : values.authMethod === 'password' && values.username && password
        ? ({ method: 'password', username: values.username, password } as const)
        : undefined;
  const mode = values.mode === 'relay' || values.mode === 'mailbox' ? values.mode : undefined;
  return {
    host: values.host?.trim() ?? '',
    port,
    encryption: values.encryption as ProbeRequest['encryption'],
    ...(auth ? { auth } : {}),
    ...(mode ? { mode } : {}),
  };
}

/**
 * POST /v1/probe with the form's values through the backend client; never throws. With `onStep` each step
 * comes as the backend completes it; `signal` (the panel went away) stops it, and so does a 30 s limit.
 */
export async function probeViaBackend(values: FormValues, password: string | undefined, onStep?: (step: ProbeStep) => void, signal?: AbortSignal, fetchImpl?: typeof fetch): Promise<ProbeOutcome> {
  const backendUrl = (await loadLocal()).prefs?.backendUrl ?? DEFAULT_BACKEND_URL;
  const client = createBackendClient(backendUrl, fetchImpl);
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), 30_000);
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return { backendUrl: client.baseUrl, result: await client.probe(probeRequest(values, password), stop.signal, onStep) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
