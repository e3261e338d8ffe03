import { browser } from 'wxt/browser';
import { PRODUCTION_CRM_MATCHES } from '@/lib/crm-matches';

/**
 * The CRM origins of this build: the content script's match patterns in the manifest (set at build time
 * by lib/crm-matches.ts; production: app.perfectview.nl only). The background's sender checks, the popup
 * and the wizard's tab lookup all read them here. Tiny and schema-free: the popup loads it at start.
 */
export function crmPatterns(): string[] {
  try {
    return (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
  } catch {
    return [...PRODUCTION_CRM_MATCHES];
  }
}
