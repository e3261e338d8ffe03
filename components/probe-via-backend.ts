import type { FormValues } from '@/lib/messages';
import { loadLocal } from './settings-store';
import { DEFAULT_BACKEND_URL } from '@/lib/prefs';

type Client = { probe: (req: unknown) => Promise<unknown> };
// The backend client is written alongside (server work); until it is in the build, "Controleren" reports the backend as unreachable.
const clients = import.meta.glob<{ createBackendClient: (baseUrl: string) => Client }>('./backend-client.ts');
const loadClient = Object.values(clients)[0];

/** POST /v1/probe with the form's values (and the saved password when it belongs to the form's user name). */
export async function probeViaBackend(values: FormValues, password: string | undefined): Promise<unknown> {
  if (!loadClient) throw new Error('backend client not built in');
  const { createBackendClient } = await loadClient();
  const base = (await loadLocal()).prefs?.backendUrl ?? DEFAULT_BACKEND_URL;
  const port = typeof values.port === 'number' ? values.port : Number(values.port);
  const auth =
    values.authMethod === 'ip-whitelist'
      ? { method: 'ip-whitelist' }
      : values.authMethod === 'password' && values.username && password
        ? { method: 'password', username: values.username, password }
        : undefined;
  return createBackendClient(base).probe({ host: values.host?.trim(), port, encryption: values.encryption, ...(auth ? { auth } : {}), ...(values.mode ? { mode: values.mode } : {}) });
}
