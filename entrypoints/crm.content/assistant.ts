import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectScreens } from '@/dom/crm-form-locator';
import { createCommandHandler } from './commands';
import { debounce } from './debounce';
import { PANEL_TAG } from './mount';
import { checkForm, loadPanelData, newPageState } from './page-state';
import { createScreens } from './screens';

/**
 * Runs in the CRM page (top frame only): watches for the three screens, shows the panel beside each,
 * and answers the background's commands. It never listens to window messages or page events: only the
 * admin's real clicks in the panel and runtime messages from this extension make it act.
 * The jobs live in their own modules: page-state (what the page and the background say), screens
 * (panels), form-actions (fill, fix, validation dialog), probe-port (Controleren), commands, rights-outline.
 */
export function startAssistant(ctx: ContentScriptContext, doc: Document = document): void {
  const s = newPageState(doc);

  /** The support report on the form as it is now (findings fetched afresh, not the last debounced ones). */
  const report = async (probe?: string) => {
    const r = await checkForm(s, probe);
    s.findings = r.findings;
    return r.report;
  };
  const refresh = async () => {
    s.findings = (await checkForm(s)).findings;
    screens.render();
  };
  const screens = createScreens(s, report, () => void refresh());
  const rescan = () => {
    s.screens = detectScreens(doc);
    screens.sync();
    if (s.screens.smtp) void refresh();
  };
  const rescanSoon = debounce(rescan, 200);
  const refreshSoon = debounce(() => void refresh(), 120);

  const ours = (n: Node) => n.nodeName.toLowerCase() === PANEL_TAG;
  const observer = new MutationObserver((records) => {
    // Our own panel going in or out (or docking) is not a change of screen.
    if (records.every((r) => (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours)) || (r.type === 'attributes' && ours(r.target)))) return;
    rescanSoon();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden', 'open', 'aria-hidden', 'disabled', 'aria-checked', 'aria-pressed', 'data-state', 'checked'] });

  // Live findings as the admin types (these are the page's own input events, read, never acted on).
  const onInput = (e: Event) => {
    if (!screens.has('smtp') || (e.target instanceof Node && ours(e.target))) return;
    s.touched = true;
    refreshSoon();
  };
  doc.addEventListener('input', onInput, true);
  doc.addEventListener('change', onInput, true);

  const onMessage = createCommandHandler(s, browser.runtime.id, () => screens.pointAtRight());
  browser.runtime.onMessage.addListener(onMessage as never);

  // The wizard saved something (settings, language, Domein/Van/Naar): ask the background again.
  const onStorage = (_: unknown, area: string) => {
    if (area === 'local' || area === 'session') void loadPanelData(s).then(() => screens.render());
  };
  browser.storage.onChanged.addListener(onStorage);

  ctx.onInvalidated(() => {
    observer.disconnect();
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('change', onInput, true);
    browser.runtime.onMessage.removeListener(onMessage as never);
    browser.storage.onChanged.removeListener(onStorage);
    screens.removeAll();
  });

  void loadPanelData(s).finally(rescan);
}
