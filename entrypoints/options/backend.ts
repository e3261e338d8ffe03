import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import { createBackendClient, type BackendClient } from '@/services/backend-client';

export type { BackendClient, BackendFailure, BackendResult } from '@/services/backend-client';

/** Makes the client for a backend URL; tests provide a fake through BackendContext. */
export type MakeBackendClient = (baseUrl: string) => BackendClient;

export const BackendContext = createContext<MakeBackendClient>((baseUrl) => createBackendClient(baseUrl));

/** The backend client for the configured URL (one per URL, so a step keeps it across renders). */
export function useBackendClient(baseUrl: string): BackendClient {
  const make = useContext(BackendContext);
  return useMemo(() => make(baseUrl), [make, baseUrl]);
}
