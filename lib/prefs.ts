import { z } from 'zod/mini';
import { StoredSettings } from './settings';

/** Set at build time from BACKEND_URL (wxt.config.ts); undefined in Node (server, scripts). */
declare const __BACKEND_URL__: string | undefined;

/** The backend the extension uses until the admin sets another: BACKEND_URL at build time, else the local one. */
export const DEFAULT_BACKEND_URL: string = typeof __BACKEND_URL__ === 'string' && __BACKEND_URL__ ? __BACKEND_URL__ : 'http://127.0.0.1:8787';
export const DEFAULT_CRM_RANGE = '212.61.168.1/27';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A backend URL is https, or http on a loopback address (the admin's own machine). */
export function checkBackendUrl(raw: string): { ok: true; url: string } | { ok: false; problem: 'invalid' | 'not-https' | 'has-path' } {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (u.username || u.password || u.search || u.hash) return { ok: false, problem: 'invalid' };
  if (u.pathname !== '/' && u.pathname !== '') return { ok: false, problem: 'has-path' };
  const loopback = LOOPBACK_HOSTS.has(u.hostname) || /^127\.\d+\.\d+\.\d+$/.test(u.hostname);
  if (u.protocol === 'https:' || (u.protocol === 'http:' && loopback)) return { ok: true, url: u.origin };
  return { ok: false, problem: u.protocol === 'http:' ? 'not-https' : 'invalid' };
}

/** Whether a backend URL points at this computer: only then is `npm start` the hint when it does not answer. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const h = new URL(url).hostname;
    return LOOPBACK_HOSTS.has(h) || /^127\.\d+\.\d+\.\d+$/.test(h);
  } catch {
    return false;
  }
}

export const BackendUrl = z.string().check(z.refine((s) => checkBackendUrl(s).ok, 'backend-url'));

/** Preferences kept in storage.local. */
export const Prefs = z.object({
  lang: z.optional(z.enum(['nl', 'en'])),
  backendUrl: z.optional(BackendUrl),
  crmRange: z.optional(z.string().check(z.maxLength(50))),
});
export type Prefs = z.infer<typeof Prefs>;

/** Wizard progress and its non-secret answers, kept in storage.local so the admin can come back. */
export const WizardState = z.object({
  step: z.optional(z.enum(['A', 'B', 'C', 'D', 'E', 'summary'])),
  rightDone: z.optional(z.boolean()),
  validation: z.optional(
    z.object({
      domain: z.optional(z.string().check(z.maxLength(253))),
      from: z.optional(z.string().check(z.maxLength(320))),
      to: z.optional(z.string().check(z.maxLength(320))),
    }),
  ),
});
export type WizardState = z.infer<typeof WizardState>;

/** Everything storage.local holds; an export is exactly this (never a password). */
export const LocalState = z.object({
  settings: z.optional(StoredSettings),
  prefs: z.optional(Prefs),
  wizard: z.optional(WizardState),
});
export type LocalState = z.infer<typeof LocalState>;
