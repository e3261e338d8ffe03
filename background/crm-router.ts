import type { z } from 'zod/mini';
import { ContentToBackground, ProbeRequestMessage, type FillResponse, type PanelData, type PasswordState, type ProbePasswordSource, type ProbeResponse, type ProbeResultMessage, type ProbeStepMessage } from '@/messaging/messages';
import { type FillDraft, type FixDraft, type FormValues } from '@/lib/drafts';
import { type ShownFinding } from '@/lib/shown';
import type { ApiFinding, ProbeStep } from '@/lib/api';
import type { ProbeOutcome } from './probe-via-backend';
import { checkSettings } from '@/lib/rules';
export { passwordState } from '@/messaging/content-command';
import { PROBE_PORT } from '@/messaging/content-command';
import { SEVERITY_ORDER, type Finding } from '@/lib/findings';
import type { Lang } from '@/lib/i18n';
import { findingText } from '@/lib/i18n';
import { panelMessages } from '@/lib/i18n/panel';
import { PRESETS } from '@/lib/presets';
import { urlMatchesAny } from '@/lib/match-pattern';
import type { SettingsDraft } from '@/lib/settings';
import { composeFill } from '@/lib/compose-fill';

export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export interface RouterDeps {
  runtimeId: string;
  /** The content script's match patterns (from the manifest), i.e. the CRM origins. */
  crmMatches: readonly string[];
  /** The saved draft with the session's password (services/settings-store loadDraft). */
  loadDraft: () => Promise<SettingsDraft>;
  loadValidationDomain: () => Promise<string | undefined>;
  /** The tab's URL now (tabs.get), to refuse when it navigated away after the content script asked. */
  currentTabUrl: (tabId: number) => Promise<string | undefined>;
  /** POST /v1/probe via the backend client (components/probe-via-backend.ts); never throws. `onStep` gets each step live. */
  probe: (values: FormValues, password: string | undefined, onStep?: (step: ProbeStep) => void, signal?: AbortSignal) => Promise<ProbeOutcome>;
}

const originOf = (url: string | undefined) => {
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
export function isCrmContentScript(sender: Sender, deps: Pick<RouterDeps, 'runtimeId' | 'crmMatches'>): boolean {
  if (sender.id !== deps.runtimeId) return false;
  if (!sender.tab || typeof sender.tab.id !== 'number' || sender.frameId !== 0) return false;
  if (!urlMatchesAny(sender.url, deps.crmMatches)) return false;
  if (sender.origin !== undefined && sender.origin !== originOf(sender.url)) return false;
  return true;
}

/** The background's handler for content-script messages; undefined means "no answer". */
export function createCrmRouter(deps: RouterDeps) {
  async function handle(raw: unknown, sender: Sender): Promise<FillResponse | ProbeResponse | PanelData | ShownFinding[] | undefined> {
    const parsed = ContentToBackground.safeParse(raw);
    if (!parsed.success || !isCrmContentScript(sender, deps)) return undefined;
    const msg = parsed.data;
    switch (msg.type) {
      case 'crm/panel-data': {
        const [d, domain] = await Promise.all([deps.loadDraft(), deps.loadValidationDomain()]);
        const noPassword = (f: FillDraft | undefined) => f && { ...f, password: undefined };
        return {
          texts: panelMessages[msg.lang ?? 'nl'],
          hasPassword: !!d.password,
          saved: noPassword(composeFill(d, undefined, { domain })),
          presets: [...PRESETS]
            .sort((a, b) => Number(!!b.featured) - Number(!!a.featured))
            .map((p) => ({ id: p.id, name: p.name, featured: !!p.featured, fill: noPassword(composeFill(d, p.id, { domain })) })),
        };
      }
      case 'crm/check-values':
        return checkFormValues(msg.values, msg.password, msg.lang);
      case 'crm/fill-request': {
        const [draft, domain] = await Promise.all([deps.loadDraft(), deps.loadValidationDomain()]);
        const fill = composeFill(draft, msg.presetId, { domain });
        if (!fill) return { ok: false, error: 'nothing-saved' };
        // The tab must still show the page that asked: same origin, and a CRM origin.
        const now = await deps.currentTabUrl(sender.tab!.id!);
        if (!now || originOf(now) !== originOf(sender.url) || !urlMatchesAny(now, deps.crmMatches)) return { ok: false, error: 'navigated' };
        return { ok: true, draft: fill };
      }
      case 'crm/probe':
        return probeResponse(msg);
    }
  };

  /** A probe for the content script: which password (probePassword), the backend's answer with finding texts. */
  async function probeResponse(msg: z.infer<typeof ProbeRequestMessage>, onStep?: (step: ProbeStep) => void, signal?: AbortSignal): Promise<ProbeResponse> {
    const { password, source } = probePassword(msg.values, msg.password, await deps.loadDraft());
    const lang = msg.lang ?? 'nl';
    const { backendUrl, result } = await deps.probe(msg.values, password, onStep, signal).catch(
      (e): ProbeOutcome => ({ backendUrl: '', result: { ok: false, kind: 'unreachable', code: 'backend_unreachable', message: String(e) } }),
    );
    if (result.ok) return { ok: true, report: { ...result.data, findings: showFindings(result.data.findings, lang) }, password: source };
    return {
      ok: false,
      kind: result.kind,
      code: result.code,
      message: inLang(result.message, lang),
      backendUrl,
      ...(result.error?.findings ? { findings: showFindings(result.error.findings, lang) } : {}),
    };
  }

  /**
   * A live "Controleren" on the content script's own Port (messaging/messages.ts ProbeStepMessage): the same sender
   * checks and the same ProbeRequestMessage (and password rules) as `crm/probe`; one probe per port; each step
   * posted as it arrives, then the result, then the port is closed. The port closing first aborts the probe.
   */
  function probePort(port: ProbePort): void {
    if (port.name !== PROBE_PORT || !isCrmContentScript(port.sender ?? {}, deps)) {
      port.disconnect();
      return;
    }
    const gone = new AbortController();
    let started = false;
    port.onDisconnect.addListener(() => gone.abort());
    const post = (m: ProbeStepMessage | ProbeResultMessage) => {
      if (gone.signal.aborted) return;
      try {
        port.postMessage(m);
      } catch {
        gone.abort();
      }
    };
    port.onMessage.addListener((raw: unknown) => {
      const parsed = ProbeRequestMessage.safeParse(raw);
      if (started || !parsed.success) {
        gone.abort();
        port.disconnect();
        return;
      }
      started = true;
      void probeResponse(parsed.data, (step) => post({ type: 'crm/probe-step', step }), gone.signal).then((response) => {
        post({ type: 'crm/probe-result', response });
        if (!gone.signal.aborted) port.disconnect();
      });
    });
  }

  return Object.assign(handle, { probePort });
}

/** What the background needs of a runtime.Port (the Port's own sender is what the checks look at). */
export interface ProbePort {
  name: string;
  sender?: Sender;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

/** Findings with texts on the form's values, worst first. */
export function checkFormValues(values: FormValues, password: PasswordState, lang: Lang): ShownFinding[] {
  return showFindings(checkSettings({ ...values, passwordState: password }), lang);
}

/** Host names compare without case and a trailing dot. */
const sameHost = (a: string | undefined, b: string | undefined) => !!a && !!b && a.trim().toLowerCase().replace(/\.$/, '') === b.trim().toLowerCase().replace(/\.$/, '');

/**
 * Which password a probe logs in with (docs/ARCHITECTURE.md, "Which password a probe uses"):
 * - the form's own Wachtwoord when it holds one: it is what the CRM will use, it is in the page already,
 *   and the content script read it only at the admin's trusted click on "Controleren";
 * - else the saved (session) password, but only when the form names the saved user **and** the saved
 *   host: a page that rewrites Hostnaam must not get the saved password sent to its own server;
 * - else none: the probe tests the connection and TLS, not the login.
 * Only with password authentication. The password is used for this one request and kept nowhere.
 */
export function probePassword(values: FormValues, formPassword: string | undefined, saved: SettingsDraft): { password?: string; source: ProbePasswordSource } {
  if (values.authMethod !== 'password') return { source: 'none' };
  if (formPassword) return { password: formPassword, source: 'form' };
  if (saved.password && saved.username === values.username && sameHost(saved.host, values.host)) return { password: saved.password, source: 'saved' };
  return { source: 'none' };
}

/** The backend's messages are "Nederlands / English": the half in the panel's language. */
export function inLang(message: string, lang: Lang): string {
  const parts = message.split(' / ');
  return parts.length === 2 ? parts[lang === 'en' ? 1 : 0]! : message;
}

const FIX_KEYS = ['host', 'port', 'encryption', 'authMethod', 'username', 'mode'] as const;
/** A fix, with only the keys a form fill understands (a fix never carries a password). */
function fixOf(fix: object | undefined): FixDraft | undefined {
  if (!fix) return undefined;
  const out: Record<string, string | number> = {};
  for (const k of FIX_KEYS) {
    const v = (fix as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Findings with their texts (and fixes), worst first. */
function showFindings(findings: readonly (ApiFinding | Finding)[], lang: Lang): ShownFinding[] {
  return [...findings]
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
    .map((f) => {
      const fix = fixOf(f.fix);
      return { code: f.code, severity: f.severity, text: findingText(f as Finding, lang), ...(fix ? { fix } : {}) };
    });
}
