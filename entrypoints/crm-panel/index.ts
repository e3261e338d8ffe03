import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PANEL_GLOBAL, type CreatePanelUi } from '../crm.content/panel-contract';
import { checkForm } from './actions';
import { createScreens } from './screens';

/**
 * The panel beside the CRM's screens (Preact, the components in components/panel/, placement, "Controleren"),
 * loaded lazily: the background injects this script into the CRM tab's top frame (background/panel-inject.ts)
 * when the content script (entrypoints/crm.content/) finds the SMTP form, the validation dialog or the Rechten
 * block. Both run in the same isolated world: this script leaves its factory there and the content script takes it.
 */
const createPanelUi: CreatePanelUi = (host) => {
  const { s } = host;
  /** The support report on the form as it is now (findings fetched afresh, not the last debounced ones). */
  const report = async (probe?: string) => {
    const r = await checkForm(host, probe);
    s.findings = r.findings;
    return r.report;
  };
  const refresh = async () => {
    s.findings = (await checkForm(host)).findings;
    screens.render();
  };
  const screens = createScreens(host, report, () => void refresh());
  return {
    sync: screens.sync,
    render: screens.render,
    refresh: () => void refresh(),
    has: screens.has,
    removeAll: screens.removeAll,
  };
};

export default defineUnlistedScript(() => {
  (globalThis as unknown as Record<string, unknown>)[PANEL_GLOBAL] = createPanelUi;
});
