import { browser } from 'wxt/browser';
import { z } from 'zod/mini';

/**
 * The API key of a hosted backend (Instellingen → API-sleutel). It lives in storage.local under its own
 * key, outside LocalState, so it is never part of an export, an import or a report; backend-client sends
 * it as Authorization: Bearer.
 */
const API_KEY_STORAGE = 'backendApiKey';

export const ApiKey = z.string().check(z.minLength(16), z.maxLength(512), z.regex(/^[\x21-\x7e]+$/));

export async function loadApiKey(): Promise<string | undefined> {
  const raw = await browser.storage.local.get(API_KEY_STORAGE);
  const r = ApiKey.safeParse(raw[API_KEY_STORAGE]);
  return r.success ? r.data : undefined;
}

/** Saves a key (trimmed), or removes it when empty. Returns false when the key does not look like one. */
export async function saveApiKey(raw: string): Promise<boolean> {
  const key = raw.trim();
  if (!key) {
    await browser.storage.local.remove(API_KEY_STORAGE);
    return true;
  }
  if (!ApiKey.safeParse(key).success) return false;
  await browser.storage.local.set({ [API_KEY_STORAGE]: key });
  return true;
}
