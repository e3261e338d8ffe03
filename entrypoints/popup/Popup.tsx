import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { browser } from 'wxt/browser';
import { checkSettings } from '@/lib/rules';
import { countBySeverity } from '@/lib/findings';
import type { Lang } from '@/lib/i18n';
import { popupMessages } from '@/lib/i18n/popup';
import { commonMessages } from '@/lib/i18n/common';
import { LangContext, applyDocumentLang, resolveLang, useT } from '@/components/lang';
import { PresetPicker, presetPatch, unverifiedPresetFor } from '@/components/PresetPicker';
import { loadDraft, loadLocal, onStateChange, saveDraft } from '@/services/settings-store';
import type { SettingsDraft } from '@/lib/settings';
import { describeTab, type TabInfo } from './tab-info';
import { reportLinkMessages } from '@/lib/i18n/report-link';

/** "Invullen op deze pagina" / "Controleer deze pagina": loaded only when the tab is the CRM, to keep the popup's start small. */
function LazyCrmTabSection() {
  const [Section, setSection] = useState<ComponentType>();
  useEffect(() => {
    void import('@/components/popup/CrmTabSection').then((m) => setSection(() => m.CrmTabSection));
  }, []);
  return Section ? <Section /> : null;
}

interface PopupState {
  lang: Lang;
  draft: SettingsDraft;
  hasSettings: boolean;
  tab?: TabInfo;
}

/** The CRM origins this build knows: the manifest's host permissions (production: app.perfectview.nl only). */
function crmPatterns(): string[] {
  try {
    return browser.runtime.getManifest().host_permissions ?? [];
  } catch {
    return ['https://app.perfectview.nl/*'];
  }
}

async function load(): Promise<PopupState> {
  const [local, draft, tabs] = await Promise.all([
    loadLocal(),
    loadDraft(),
    browser.tabs.query({ active: true, currentWindow: true }).catch(() => []),
  ]);
  const patterns = crmPatterns();
  return {
    lang: resolveLang(local.prefs?.lang),
    draft,
    hasSettings: Object.keys(local.settings ?? {}).length > 0,
    tab: describeTab(tabs[0], patterns),
  };
}

/** The popup: CRM tab or not, quick presets, the saved configuration's status, a link to the wizard. */
export function Popup() {
  const [state, setState] = useState<PopupState | null>(null);
  useEffect(() => {
    const refresh = () => void load().then(setState);
    refresh();
    return onStateChange(refresh);
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
  const counts = countBySeverity(checkSettings(state.draft));
  const { tab } = state;
  const unverified = state.hasSettings ? unverifiedPresetFor(state.draft) : undefined;
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
          onPick={async (p) => {
            const draft = await loadDraft();
            const { password: _pw, ...rest } = { ...draft, ...presetPatch(p, draft) };
            await saveDraft(rest);
            setSaved(tc('presets.applied', { name: p.name }));
          }}
        />
        <p class="status" role="status">
          {saved}
        </p>
      </section>
      <section aria-labelledby="p-status">
        <h2 id="p-status">{t('statusHeading')}</h2>
        <p data-testid="config-status" class={!state.hasSettings ? 'muted' : counts.error ? 'bad' : counts.warning ? 'warn' : 'good'}>
          {!state.hasSettings
            ? tc('status.none')
            : counts.error + counts.warning === 0
              ? tc('status.ok')
              : tc('status.counts', { errors: counts.error, warnings: counts.warning })}
        </p>
        {unverified && (
          <p class="note" data-testid="unverified-preset">
            {tc('presets.unverifiedNote', { name: unverified.name })}
          </p>
        )}
      </section>
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
