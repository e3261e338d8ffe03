import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectScreens, fillForm, fillValidationDialog } from '@/dom/crm-form-locator';
import { createCommandHandler } from './commands';
import { debounce } from './debounce';
import { applyFill } from './form-actions';
import { PANEL_TAG, type PanelHost, type PanelUi } from './panel-contract';
import { panelLoader } from './panel-loader';
import { formValues, loadPanelData, newPageState } from './page-state';
import { outline, pointAt } from './rights-outline';

/**
 * Runs in the CRM page (top frame only): watches for the three screens, shows the panel beside each,
 * and answers the background's commands. It never listens to window messages or page events: only the
 * admin's real clicks in the panel and runtime messages from this extension make it act.
 *
 * This script loads on every CRM page, so it holds only what finds the screens and answers the background:
 * the locator, the commands, the fill. The panel (Preact, its components, placement, "Controleren") is
 * entrypoints/crm-panel/, injected by the background the first time a screen is on the page (panel-loader.ts);
 * it borrows the page state and the locator from here (panel-contract.ts).
 */
export function startAssistant(ctx: ContentScriptContext, doc: Document = document): void {
  const s = newPageState(doc);
  const pointAtRight = () => pointAt(s.screens.rights?.block);
  const host: PanelHost = {
    s,
    browser,
    formValues: () => formValues(s),
    applyFill: (draft) => applyFill(s, draft),
    fillForm,
    fillValidationDialog,
    pointAtRight,
  };
  const loadPanel = panelLoader(browser);
  let ui: PanelUi | undefined;
  let stopped = false;
  // The panel's data (language, texts, presets, mode; crm/panel-data) is asked for with the panel, when the first
  // screen appears: a CRM page without one of the three screens asks the background nothing.
  let data: Promise<void> | undefined;
  const loadData = () => (data ??= loadPanelData(s));

  /** The panels follow the screens found last (and, with `findings`, ask for findings on the form); the first screen loads the panel. */
  const sync = (findings: boolean) => {
    outline(s.screens.rights?.block);
    const show = (p: PanelUi, refresh: boolean) => {
      p.sync();
      if (refresh && s.screens.smtp) p.refresh();
    };
    if (ui) return show(ui, findings);
    if (!s.screens.smtp && !s.screens.rights && !s.screens.validation) return;
    void Promise.all([loadPanel(), loadData()]).then(([create]) => {
      if (!create || ui || stopped) return;
      ui = create(host);
      show(ui, true);
    });
  };
  const rescan = () => {
    s.screens = detectScreens(doc);
    sync(true);
  };
  const rescanSoon = debounce(rescan, 200);
  const refreshSoon = debounce(() => ui?.refresh(), 120);

  const ours = (n: Node) => n.nodeName.toLowerCase() === PANEL_TAG;
  const observer = new MutationObserver((records) => {
    // Our own panel going in or out (or docking) is not a change of screen.
    if (records.every((r) => (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours)) || (r.type === 'attributes' && ours(r.target)))) return;
    rescanSoon();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden', 'open', 'aria-hidden', 'disabled', 'aria-checked', 'aria-pressed', 'data-state', 'checked'] });

  // Live findings as the admin types (these are the page's own input events, read, never acted on).
  const onInput = (e: Event) => {
    if (!ui?.has('smtp') || (e.target instanceof Node && ours(e.target))) return;
    s.touched = true;
    refreshSoon();
  };
  doc.addEventListener('input', onInput, true);
  doc.addEventListener('change', onInput, true);

  const onMessage = createCommandHandler(s, browser.runtime.id, loadData, () => {
    sync(false);
    return pointAtRight();
  });
  browser.runtime.onMessage.addListener(onMessage as never);

  // The wizard saved something (settings, language, Domein/Van/Naar): ask the background again.
  const onStorage = (_: unknown, area: string) => {
    if (!data || (area !== 'local' && area !== 'session')) return;
    data = loadPanelData(s);
    void data.then(() => ui?.render());
  };
  browser.storage.onChanged.addListener(onStorage);

  ctx.onInvalidated(() => {
    stopped = true;
    observer.disconnect();
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('change', onInput, true);
    browser.runtime.onMessage.removeListener(onMessage as never);
    browser.storage.onChanged.removeListener(onStorage);
    ui?.removeAll();
    outline(undefined);
  });

  rescan();
}
