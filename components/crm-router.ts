import { ContentToBackground, type FillDraft, type FillResponse, type FormValues, type PanelData, type PasswordState, type ProbeResponse, type ShownFinding } from '@/lib/messages';
import { checkSettings } from '@/lib/rules';
export { passwordState } from '@/lib/content-command';
import type { Finding } from '@/lib/findings';
import type { Lang } from '@/lib/i18n';
import { findingText } from '@/lib/i18n';
import { PRESETS } from '@/lib/presets';
import { urlMatchesAny } from '@/lib/match-pattern';
import type { SettingsDraft } from '@/lib/settings';
import { composeFill } from './panel/compose-fill';

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
  /** The saved draft with the session's password (components/settings-store loadDraft). */
  loadDraft: () => Promise<SettingsDraft>;
  loadValidationDomain: () => Promise<string | undefined>;
  /** The tab's URL now (tabs.get), to refuse when it navigated away after the content script asked. */
  currentTabUrl: (tabId: number) => Promise<string | undefined>;
  /** POST /v1/probe via the backend client; throws when the backend is unreachable. */
  probe: (values: FormValues, password: string | undefined) => Promise<unknown>;
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
  return async function handle(raw: unknown, sender: Sender): Promise<FillResponse | ProbeResponse | PanelData | ShownFinding[] | undefined> {
    const parsed = ContentToBackground.safeParse(raw);
    if (!parsed.success || !isCrmContentScript(sender, deps)) return undefined;
    const msg = parsed.data;
    switch (msg.type) {
      case 'crm/panel-data': {
        const [d, domain] = await Promise.all([deps.loadDraft(), deps.loadValidationDomain()]);
        const noPassword = (f: FillDraft | undefined) => f && { ...f, password: undefined };
        return {
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
      case 'crm/probe': {
        const d = await deps.loadDraft();
        // The saved password is used only when the form's user name is the saved one: it belongs to that account.
        const password = msg.values.authMethod === 'password' && d.password && d.username === msg.values.username ? d.password : undefined;
        try {
          const report = (await deps.probe(msg.values, password)) as { findings?: Finding[] } | undefined;
          const lang = msg.lang ?? 'nl';
          if (report && Array.isArray(report.findings)) report.findings = report.findings.map((f) => ({ ...f, text: findingText(f, lang) }));
          return { ok: true, report };
        } catch (e) {
          return { ok: false, error: 'backend-unreachable', detail: e instanceof Error ? e.message : String(e) };
        }
      }
    }
  };
}

/**
 * Stand-ins for the page's password, one per state the rules tell apart (empty, control characters,
 * Google app-password shape, anything else): the real value never leaves the page.
 */
export const PASSWORD_STAND_INS: Record<PasswordState, string | undefined> = {
  absent: undefined,
  empty: '',
  control: 'x\u0001',
  'app-password-like': 'abcdabcdabcdabcd',
  other: 'not-an-app-password-1',
};

/** Findings with texts on the form's values, worst first. */
export function checkFormValues(values: FormValues, password: PasswordState, lang: Lang): ShownFinding[] {
  const findings = checkSettings({ ...values, password: PASSWORD_STAND_INS[password] });
  const order = { error: 0, warning: 1, info: 2 } as const;
  return findings
    .sort((a, b) => order[a.severity] - order[b.severity])
    .map((f) => ({ code: f.code, severity: f.severity, text: findingText(f, lang) }));
}
