import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { browser } from 'wxt/browser';
import type { Lang } from '@/lib/i18n/define';
import { popupMessages } from '@/lib/i18n/popup';
import { commonMessages } from '@/lib/i18n/common';
import { LangContext, applyDocumentLang, resolveLang, useT } from '@/components/lang';
import { PresetPicker, activePresetFor, presetAppliedText } from '@/components/PresetPicker';
import { describeTab, type TabInfo } from './tab-info';
import { crmPatterns } from '@/services/crm-patterns';
import { lazyView } from '@/components/lazy-view';

// The popup opens on every click: its start has no zod, no rules and no storage schemas. The status (rules,
// findings texts), the preset write (settings-store) and the CRM tab's part are separate chunks.
const loadStatus = () => import('./PopupStatus');
import { reportLinkMessages } from '@/lib/i18n/report-link';

/** "Invullen op deze pagina" / "Controleer deze pagina": loaded only when the tab is the CRM, to keep the popup's start small. */
function LazyCrmTabSection() {
  const [Section, setSection] = useState<ComponentType>();
  useEffect(() => {
    void import('@/components/popup/CrmTabSection').then((m) => setSection(() => m.CrmTabSection));
  }, []);
  return Section ? <Section /> : null;
}

/** The daily check's "Laatste controle" (components/watch): its own chunk, like the CRM tab section. */
const LazyWatchSection = lazyView<object>(() => import('@/components/watch/WatchPopupSection').then((m) => m.WatchPopupSection));

interface PopupState {
  lang: Lang;
  /** The stored server, read without schemas (only to mark the active preset). */
  server: { host?: string; port?: number | string };
  hasSettings: boolean;
  tab?: TabInfo;
  /** Bumped on every storage change, so the status reloads. */
  version: number;
}

function LazyStatus(props: { hasSettings: boolean; version: number }) {
  const [Status, setStatus] = useState<ComponentType<{ hasSettings: boolean; version: number }>>();
  useEffect(() => {
    void loadStatus().then((m) => setStatus(() => m.default));
  }, []);
  return Status ? <Status {...props} /> : <p class="muted" aria-busy="true" />;
}

const asRecord = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

let version = 0;
async function load(): Promise<PopupState> {
  const [local, tabs] = await Promise.all([
    browser.storage.local.get(['settings', 'prefs']),
    browser.tabs.query({ active: true, currentWindow: true }).catch(() => []),
  ]);
  const settings = asRecord(local.settings);
  const lang = asRecord(local.prefs).lang;
  const host = typeof settings.host === 'string' ? settings.host : undefined;
  const port = typeof settings.port === 'number' || typeof settings.port === 'string' ? settings.port : undefined;
  return {
    lang: resolveLang(lang === 'nl' || lang === 'en' ? lang : undefined),
    server: { host, port },
    hasSettings: Object.keys(settings).length > 0,
    tab: describeTab(tabs[0], crmPatterns()),
    version: ++version,
  };
}

function onStorageChange(callback: () => void): () => void {
  const listener = (_c: unknown, area: string) => {
    if (area === 'local' || area === 'session') callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** The popup: CRM tab or not, quick presets, the saved configuration's status, a link to the wizard. */
export function Popup() {
  const [state, setState] = useState<PopupState | null>(null);
  useEffect(() => {
    const refresh = () => void load().then(setState);
    refresh();
    return onStorageChange(refresh);
  }, []);
  useEffect(() => {
    if (state) applyDocumentLang(state.lang);
  }, [state?.lang]);
  if (!state) return <main class="popup" aria-busy="true" />;
  return (
    <LangContext.Provider value={state.lang}>
      <PopupBody state={state} />
    </LangContext.Provider>
  );
}

function PopupBody({ state }: { state: PopupState }) {
  const t = useT(popupMessages);
  const tc = useT(commonMessages);
  const [saved, setSaved] = useState('');
  const { tab } = state;
  const active = state.hasSettings ? activePresetFor(state.server) : undefined;
  return (
    <main class="popup">
      <h1>{t('title')}</h1>
      <section aria-labelledby="p-tab">
        <h2 id="p-tab">{t('tabHeading')}</h2>
        {!tab ? (
          <p class="muted">{t('tab.unknown')}</p>
        ) : tab.isCrm ? (
          <p data-testid="tab-crm">
            <strong>{t('tab.crm')}</strong>
            {tab.page && <span class="block">{t('tab.page', { page: tab.page })}</span>}
          </p>
        ) : (
          <p class="muted" data-testid="tab-not-crm">
            {t('tab.notCrm')}
          </p>
        )}
        {tab?.isCrm && <LazyCrmTabSection />}
      </section>
      <section aria-labelledby="p-presets">
        <h2 id="p-presets">{t('presetsHeading')}</h2>
        <p class="help">{t('presetsHint')}</p>
        <PresetPicker
          featuredOnly
          activeId={active?.id}
          onPick={async (p) => {
            const { applyPreset } = await import('./apply-preset');
            const { before, patch } = await applyPreset(p);
            setSaved(presetAppliedText(p, patch, before, tc));
          }}
        />
        <p class="status" role="status" data-testid="preset-applied">
          {saved}
        </p>
        {active && (
          <p class="note" data-testid="active-preset">
            {tc('presets.active', { name: active.name })}
          </p>
        )}
      </section>
      <section aria-labelledby="p-status">
        <h2 id="p-status">{t('statusHeading')}</h2>
        <LazyStatus hasSettings={state.hasSettings} version={state.version} />
      </section>
      <LazyWatchSection />
      <button
        type="button"
        class="primary wide"
        onClick={async () => {
          await browser.runtime.openOptionsPage();
          window.close();
        }}
      >
        {t('openWizard')}
      </button>
      <a class="report-link" href="/options.html#report" target="_blank" rel="noopener" data-testid="open-report">{useT(reportLinkMessages)('open')}</a>
    </main>
  );
}
