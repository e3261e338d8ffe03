import { browser } from 'wxt/browser';
import { LocalState, Prefs, WizardState } from '@/lib/prefs';
import { StoredSettings, withoutSecrets, type SettingsDraft } from '@/lib/settings';

/**
 * The one place the extension reads and writes its state.
 * Non-secret settings, prefs and wizard progress: storage.local. The password: storage.session only
 * (cleared when the browser closes, not readable by content scripts).
 */
const PASSWORD_KEY = 'password';

export async function loadLocal(): Promise<LocalState> {
  const raw = await browser.storage.local.get(['settings', 'prefs', 'wizard']);
  const r = LocalState.safeParse(raw);
  if (r.success) return r.data;
  // One bad part must not lose the others.
  return {
    settings: StoredSettings.safeParse(raw.settings).data,
    prefs: Prefs.safeParse(raw.prefs).data,
    wizard: WizardState.safeParse(raw.wizard).data,
  };
}

async function loadPassword(): Promise<string | undefined> {
  const raw = await browser.storage.session.get(PASSWORD_KEY);
  const pw = raw[PASSWORD_KEY];
  return typeof pw === 'string' ? pw : undefined;
}

/** The saved draft with the session's password, when there is one. */
export async function loadDraft(): Promise<SettingsDraft> {
  const [local, password] = await Promise.all([loadLocal(), loadPassword()]);
  return { ...local.settings, ...(password !== undefined ? { password } : {}) };
}

/** Saves a draft: the password to storage.session, everything else (never the password) to storage.local. */
export async function saveDraft(draft: SettingsDraft): Promise<void> {
  await browser.storage.local.set({ settings: withoutSecrets(draft) });
  if (draft.password !== undefined) {
    if (draft.password === '') await browser.storage.session.remove(PASSWORD_KEY);
    else await browser.storage.session.set({ [PASSWORD_KEY]: draft.password });
  }
}

export async function savePrefs(prefs: Prefs): Promise<void> {
  const current = (await loadLocal()).prefs ?? {};
  await browser.storage.local.set({ prefs: Prefs.parse({ ...current, ...prefs }) });
}

export async function saveWizard(state: WizardState): Promise<void> {
  const current = (await loadLocal()).wizard ?? {};
  await browser.storage.local.set({ wizard: WizardState.parse({ ...current, ...state }) });
}

/**
 * Replaces all of storage.local with an imported state, in one write. The caller has parsed it with
 * LocalState already; it is parsed again here so nothing unchecked (and never a password) lands in storage.
 */
export async function replaceLocal(state: LocalState): Promise<void> {
  const parsed = LocalState.parse(state);
  await browser.storage.local.set({ settings: parsed.settings ?? {}, prefs: parsed.prefs ?? {}, wizard: parsed.wizard ?? {} });
}

/** A validation code sent by the wizard, kept for this browser session so the admin can leave step E and come back. */
export interface PendingValidation {
  id: string;
  expiresAt: string;
  domain: string;
  to: string;
  /** Set once the code was confirmed: the domain as the backend returned it. */
  validated?: string;
}
const VALIDATION_KEY = 'validation';

export async function loadPendingValidation(): Promise<PendingValidation | undefined> {
  const v = (await browser.storage.session.get(VALIDATION_KEY))[VALIDATION_KEY] as Partial<PendingValidation> | undefined;
  const str = (x: unknown): x is string => typeof x === 'string';
  if (!v || !str(v.id) || !str(v.expiresAt) || !str(v.domain) || !str(v.to)) return undefined;
  return { id: v.id, expiresAt: v.expiresAt, domain: v.domain, to: v.to, ...(str(v.validated) ? { validated: v.validated } : {}) };
}

export async function savePendingValidation(v: PendingValidation | undefined): Promise<void> {
  if (v) await browser.storage.session.set({ [VALIDATION_KEY]: v });
  else await browser.storage.session.remove(VALIDATION_KEY);
}

/** What the last "Test nu" and validation mail gave, for the summary and the side navigation (never a secret). */
export interface LastOutcomes {
  test?: { kind: 'ok' | 'unreachable' | 'refused' | 'settings' | 'error'; at: string; host: string; port: number; encryption: string; step?: string; code?: string };
  mail?: { result: 'sent' | 'failed' | 'validated'; at: string; domain?: string; code?: string };
}
const OUTCOMES_KEY = 'outcomes';

export async function loadOutcomes(): Promise<LastOutcomes> {
  const raw = (await browser.storage.local.get(OUTCOMES_KEY))[OUTCOMES_KEY] as LastOutcomes | undefined;
  const out: LastOutcomes = {};
  const str = (x: unknown): x is string => typeof x === 'string' && x.length < 300;
  const t = raw?.test;
  if (t && str(t.kind) && str(t.at) && str(t.host) && typeof t.port === 'number' && str(t.encryption)) {
    out.test = { kind: t.kind, at: t.at, host: t.host, port: t.port, encryption: t.encryption, ...(str(t.step) ? { step: t.step } : {}), ...(str(t.code) ? { code: t.code } : {}) };
  }
  const m = raw?.mail;
  if (m && (m.result === 'sent' || m.result === 'failed' || m.result === 'validated') && str(m.at)) {
    out.mail = { result: m.result, at: m.at, ...(str(m.domain) ? { domain: m.domain } : {}), ...(str(m.code) ? { code: m.code } : {}) };
  }
  return out;
}

export async function saveOutcome(patch: LastOutcomes): Promise<void> {
  const current = await loadOutcomes();
  await browser.storage.local.set({ [OUTCOMES_KEY]: { ...current, ...patch } });
}
