import type { z } from 'zod/mini';
import { ContentToBackground, ProbeRequestMessage, type CheckValuesResponse, type FillResponse, type PanelData, type ProbeResponse, type ProbeResultMessage, type ProbeStepMessage } from '@/messaging/messages';
import type { FillDraft, FormValues } from '@/lib/drafts';
import type { ProbeStep } from '@/lib/api';
import type { ProbeOutcome } from './probe-via-backend';
import { passwordState, PROBE_PORT } from '@/messaging/content-command';
import { panelMessages } from '@/lib/i18n/panel';
import { PRESETS } from '@/lib/presets';
import { urlMatchesAny } from '@/lib/match-pattern';
import type { SettingsDraft } from '@/lib/settings';
import type { LocalState } from '@/lib/prefs';
import { DEFAULT_BACKEND_URL } from '@/lib/prefs';
import { composeFill } from '@/lib/compose-fill';
import { checkSettings } from '@/lib/rules';
import { isCrmContentScript, originOf, pickLang, probePassword, savedPasswordAllowed, withPasswordRule, type Sender } from './policy';
import { checkFormValues, reportFor, showFindings } from './show';
import { backendErrorText, type BackendFailure } from '@/services/backend-client';
import { isLoopbackUrl } from '@/lib/prefs';
import type { Lang } from '@/lib/i18n/define';

export { isCrmContentScript, probePassword, type Sender } from './policy';
export { checkFormValues } from './show';
export { passwordState } from '@/messaging/content-command';

export interface RouterDeps {
  runtimeId: string;
  /** The content script's match patterns (from the manifest), i.e. the CRM origins. */
  crmMatches: readonly string[];
  /** The saved draft with the session's password (services/settings-store loadDraft). */
  loadDraft: () => Promise<SettingsDraft>;
  /** Prefs and wizard state from storage.local (services/settings-store loadLocal). */
  loadLocal: () => Promise<LocalState>;
  /** The tab's URL now (tabs.get), to refuse when it navigated away after the content script asked. */
  currentTabUrl: (tabId: number) => Promise<string | undefined>;
  /** POST /v1/probe via the backend client (background/probe-via-backend.ts); never throws. `onStep` gets each step live. */
  probe: (values: FormValues, password: string | undefined, onStep?: (step: ProbeStep) => void, signal?: AbortSignal) => Promise<ProbeOutcome>;
}

/** What a fill would set, under the password rule: the fill (password left out), its errors, and whether the password goes in. */
export function fillPreview(saved: SettingsDraft, presetId: string | undefined, domain: string | undefined, lang: 'nl' | 'en') {
  const fill = composeFill(saved, presetId, { domain });
  if (!fill) return {};
  const withPassword = fill.password !== undefined && savedPasswordAllowed(fill, saved);
  const state = fill.authMethod === 'ip-whitelist' ? 'absent' : passwordState(withPassword ? saved.password : '');
  // Only errors in what the fill writes: a password or user name the fill leaves out is the admin's to type
  // (the panel says so: fillUsernameMissing / fillPasswordMissing), not a wrong configuration to confirm.
  const leftOut = (f: { field?: string; code: string }) => f.field === 'password' || (f.code === 'username-required' && !fill.username?.trim());
  const errors = showFindings(checkSettings({ ...fill, passwordState: state }).filter((f) => f.severity === 'error' && !leftOut(f)), lang);
  const { password: _none, ...shown } = fill;
  return { fill: shown as FillDraft, errors, withPassword };
}

/** The background's handler for content-script messages; undefined means "no answer". */
export function createCrmRouter(deps: RouterDeps) {
  async function handle(raw: unknown, sender: Sender): Promise<FillResponse | ProbeResponse | PanelData | CheckValuesResponse | undefined> {
    const parsed = ContentToBackground.safeParse(raw);
    if (!parsed.success || !isCrmContentScript(sender, deps)) return undefined;
    const msg = parsed.data;
    switch (msg.type) {
      case 'crm/panel-data': {
        const [d, local] = await Promise.all([deps.loadDraft(), deps.loadLocal()]);
        const lang = pickLang(msg.pageLang, local.prefs?.lang, msg.browserLang);
        const validation = local.wizard?.validation;
        const saved = fillPreview(d, undefined, validation?.domain, lang);
        return {
          lang,
          texts: panelMessages[lang],
          hasPassword: !!d.password,
          saved: saved.fill,
          savedErrors: saved.errors,
          savedWithPassword: saved.withPassword,
          presets: [...PRESETS]
            .sort((a, b) => Number(!!b.featured) - Number(!!a.featured))
            .map((p) => {
              const x = fillPreview(d, p.id, validation?.domain, lang);
              return { id: p.id, name: p.name, featured: !!p.featured, fill: x.fill, errors: x.errors, withPassword: x.withPassword };
            }),
          ...(d.mode === 'relay' || d.mode === 'mailbox' ? { mode: d.mode } : {}),
          ...(validation ? { validation: { domain: validation.domain, from: validation.from, to: validation.to } } : {}),
          backendUrl: local.prefs?.backendUrl ?? DEFAULT_BACKEND_URL,
        };
      }
      case 'crm/check-values': {
        const findings = checkFormValues(msg.values, msg.password, msg.lang);
        const report = reportFor({ url: sender.url ?? '', values: msg.values, passwordFilled: msg.passwordFilled ?? (msg.password !== 'absent' && msg.password !== 'empty'), findings, probe: msg.probe }, msg.lang);
        return { findings, report };
      }
      case 'crm/fill-request': {
        const [draft, local] = await Promise.all([deps.loadDraft(), deps.loadLocal()]);
        const fill = composeFill(draft, msg.presetId, { domain: local.wizard?.validation?.domain });
        if (!fill) return { ok: false, error: 'nothing-saved' };
        // The tab must still show the page that asked: same origin, and a CRM origin.
        const now = await deps.currentTabUrl(sender.tab!.id!);
        if (!now || originOf(now) !== originOf(sender.url) || !urlMatchesAny(now, deps.crmMatches)) return { ok: false, error: 'navigated' };
        return { ok: true, draft: withPasswordRule(fill, draft) };
      }
      case 'crm/probe':
        return probeResponse(msg);
    }
  }

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
      message: failureText(result, lang, backendUrl),
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

/** A failed probe in the panel's language, from the catalogue by code (the backend's own message is English, for curl). */
function failureText(r: BackendFailure, lang: Lang, backendUrl: string): string {
  if (r.kind === 'unreachable') return backendErrorText(isLoopbackUrl(backendUrl) ? 'unreachable.local' : 'unreachable.remote', undefined, lang, { url: backendUrl });
  if (r.kind === 'invalid-response') return backendErrorText('invalid_response', undefined, lang, { path: '/v1/probe' });
  return backendErrorText(r.code, r.error, lang);
}
