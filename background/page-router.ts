import { PageToBackground, type ApplyFillResponse, type CheckResponse, type PointResponse, type ReadResponse, type StatusResponse, type TabFillResponse } from '@/messaging/messages';
import { composeFill } from '@/lib/compose-fill';
import type { Lang } from '@/lib/i18n/define';
import { urlMatchesAny } from '@/lib/match-pattern';
import { isExtensionPage, originOf, pickLang, withPasswordRule, type Sender } from './policy';
import { checkFormValues, reportFor } from './show';
import type { RouterDeps } from './crm-router';

export interface PageRouterDeps extends Pick<RouterDeps, 'runtimeId' | 'crmMatches' | 'loadDraft' | 'loadLocal' | 'currentTabUrl'> {
  /** This extension's own origin (runtime.getURL('/')): only its pages may ask. */
  extensionOrigin: string;
  /** tabs.sendMessage to the tab's top frame (frameId 0); undefined when nothing answers. */
  sendToTab: (tabId: number, msg: object) => Promise<unknown>;
  browserLang?: string;
}

/**
 * The background's handler for the popup and the options page: they ask here, the background checks
 * the sender and the tab, and only it talks to the content script (one fill path, one check path).
 */
export function createPageRouter(deps: PageRouterDeps) {
  /** The tab, when it still shows a CRM origin (the popup saw it a moment ago; it may have moved on). */
  const crmTabUrl = async (tabId: number) => {
    const url = await deps.currentTabUrl(tabId);
    return url && urlMatchesAny(url, deps.crmMatches) ? url : undefined;
  };

  return async function handle(raw: unknown, sender: Sender): Promise<StatusResponse | TabFillResponse | CheckResponse | PointResponse | undefined> {
    const parsed = PageToBackground.safeParse(raw);
    if (!parsed.success || !isExtensionPage(sender, deps)) return undefined;
    const msg = parsed.data;
    const url = await crmTabUrl(msg.tabId);
    if (!url) return msg.type === 'crm/tab-fill' ? { ok: false, error: 'no-crm-tab' } : undefined;
    switch (msg.type) {
      case 'crm/tab-status':
        return (await deps.sendToTab(msg.tabId, { type: 'crm/status' })) as StatusResponse | undefined;
      case 'crm/tab-point':
        return (await deps.sendToTab(msg.tabId, { type: 'crm/point-at-right' })) as PointResponse | undefined;
      case 'crm/tab-fill': {
        if (originOf(url) !== msg.origin) return { ok: false, error: 'navigated' };
        const [draft, local] = await Promise.all([deps.loadDraft(), deps.loadLocal()]);
        const fill = composeFill(draft, msg.presetId, { domain: local.wizard?.validation?.domain });
        if (!fill) return { ok: false, error: 'nothing-saved' };
        const res = (await deps.sendToTab(msg.tabId, { type: 'crm/apply-fill', draft: withPasswordRule(fill, draft), origin: msg.origin })) as ApplyFillResponse | undefined;
        return res ?? { ok: false, error: 'unreachable' };
      }
      case 'crm/tab-check': {
        const read = (await deps.sendToTab(msg.tabId, { type: 'crm/read' })) as ReadResponse | undefined;
        if (!read) return undefined;
        const lang: Lang = msg.lang ?? pickLang(undefined, (await deps.loadLocal()).prefs?.lang, deps.browserLang);
        const findings = checkFormValues(read.values, read.password, lang);
        const passwordFilled = read.password !== 'absent' && read.password !== 'empty';
        return { status: read.status, values: read.values, passwordFilled, findings, report: reportFor({ url: read.url, values: read.values, passwordFilled, findings }, lang) };
      }
    }
  };
}
