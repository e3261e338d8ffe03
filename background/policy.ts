import type { FillDraft, FormValues } from '@/lib/drafts';
import type { Lang } from '@/lib/i18n/define';
import { langFromLocale } from '@/lib/i18n/lang';
import { normalizeHost } from '@/lib/host-name';
import { urlMatchesAny } from '@/lib/match-pattern';
import type { SettingsDraft } from '@/lib/settings';
import type { ProbePasswordSource } from '@/messaging/messages';

// The background is the one policy point (docs/ARCHITECTURE.md): who may ask, which page may get the
// saved password, which language the panel speaks. Pure functions, tested in crm-router.test.ts.

export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export const originOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Whether a message comes from our own content script in the top frame of a tab on a CRM origin.
 * Anything else (another extension, a page, an iframe, a non-CRM tab) gets no answer at all.
 */
export function isCrmContentScript(sender: Sender, deps: { runtimeId: string; crmMatches: readonly string[] }): boolean {
  if (sender.id !== deps.runtimeId) return false;
  if (!sender.tab || typeof sender.tab.id !== 'number' || sender.frameId !== 0) return false;
  if (!urlMatchesAny(sender.url, deps.crmMatches)) return false;
  if (sender.origin !== undefined && sender.origin !== originOf(sender.url)) return false;
  return true;
}

/** Whether a message comes from one of this extension's own pages (popup, options): its URL is on our origin. */
export function isExtensionPage(sender: Sender, deps: { runtimeId: string; extensionOrigin: string }): boolean {
  if (sender.id !== deps.runtimeId || !sender.url) return false;
  return originOf(sender.url) === originOf(deps.extensionOrigin);
}

/** Host names compare without case and a trailing dot. */
export const sameHost = (a: string | undefined, b: string | undefined) => !!a && !!b && normalizeHost(a) === normalizeHost(b);

/**
 * The password rule (SECURITY.md, "Extension: the page around the panel"): the saved password goes to a
 * page's form (or into a probe of the page's values) only when host, port, encryption and user name all
 * equal the saved ones, and never with "Geen encryptie".
 */
export function savedPasswordAllowed(target: { host?: string; port?: string | number; encryption?: string; username?: string }, saved: SettingsDraft): boolean {
  if (!saved.password || target.encryption === 'none' || saved.encryption === 'none') return false;
  return (
    sameHost(target.host, saved.host) &&
    target.port !== undefined &&
    String(target.port).trim() === String(saved.port ?? '').trim() &&
    target.encryption === saved.encryption &&
    !!target.username &&
    target.username === saved.username
  );
}

/** A fill draft under the password rule: the password is dropped unless the rule allows it. */
export function withPasswordRule(fill: FillDraft, saved: SettingsDraft): FillDraft {
  if (fill.password === undefined || savedPasswordAllowed(fill, saved)) return fill;
  const { password: _dropped, ...rest } = fill;
  return rest;
}

/**
 * Which password a probe logs in with (docs/ARCHITECTURE.md, "Which password a probe uses"):
 * - the form's own Wachtwoord when it holds one: it is what the CRM will use, it is in the page already,
 *   and the content script sent it only after the admin's trusted click on "Controleren" and consent;
 * - else the saved (session) password, only under the password rule (savedPasswordAllowed);
 * - else none: the probe tests the connection and TLS, not the login.
 * Only with password authentication. The password is used for this one request and kept nowhere.
 */
export function probePassword(values: FormValues, formPassword: string | undefined, saved: SettingsDraft): { password?: string; source: ProbePasswordSource } {
  if (values.authMethod !== 'password') return { source: 'none' };
  if (formPassword) return { password: formPassword, source: 'form' };
  if (savedPasswordAllowed(values, saved)) return { password: saved.password, source: 'saved' };
  return { source: 'none' };
}

/** A locale we speak ("nl", "nl-BE", "en-GB"), else undefined. */
const known = (locale: string | undefined): Lang | undefined => (locale && /^(nl|en)(-|_|$)/i.test(locale.trim()) ? langFromLocale(locale.trim()) : undefined);

/** The panel's language: the CRM page's <html lang>, then the admin's choice under Instellingen, then the browser's. */
export function pickLang(pageLang: string | undefined, adminLang: Lang | undefined, browserLang: string | undefined): Lang {
  return known(pageLang) ?? adminLang ?? langFromLocale(browserLang);
}
