import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { checkSettings } from '@/lib/rules';
import { wizardMessages } from '@/lib/i18n/wizard';
import { LangContext, applyDocumentLang, resolveLang, useT } from '@/components/lang';
import { useOptionsStore } from './use-store';
import type { StepProps } from './step-props';
import { StepRight } from './steps/StepRight';
import { lazyView } from '@/components/lazy-view';
import { stepMarks } from './progress';

const WIZARD_STEPS = ['A', 'B', 'C', 'D', 'E', 'summary'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];
type View = WizardStep | 'settings' | 'report';

// Step A is the start; the mode, server and login steps (presets, discovery, provider advice), the
// validation step (probe, code round trip), the summary (export/import) and the settings are separate
// chunks, loaded when first shown (issue 11: options start ≤ 45 KB gzipped).
const StepMode = lazyView<StepProps>(() => import('./steps/StepMode').then((m) => m.StepMode));
const StepServer = lazyView<StepProps>(() => import('./steps/StepServer').then((m) => m.StepServer));
const StepAuth = lazyView<StepProps>(() => import('./steps/StepAuth').then((m) => m.StepAuth));
const StepValidation = lazyView<StepProps>(() => import('./steps/StepValidation').then((m) => m.StepValidation));
const StepSummary = lazyView<StepProps>(() => import('./steps/StepSummary').then((m) => m.StepSummary));
const SettingsView = lazyView<StepProps>(() => import('./steps/SettingsView').then((m) => m.SettingsView));
const ReportView = lazyView<StepProps>(() => import('./report/ReportView').then((m) => m.ReportView));

const VIEWS: Record<View, preact.ComponentType<StepProps>> = {
  A: StepRight,
  B: StepMode,
  C: StepServer,
  D: StepAuth,
  E: StepValidation,
  summary: StepSummary,
  settings: SettingsView,
  report: ReportView,
};

/** The options page: the wizard A–E, Samenvatting and Instellingen. */
export function App() {
  const store = useOptionsStore();
  const { state } = store;
  const lang = resolveLang(state?.prefs.lang);
  useEffect(() => applyDocumentLang(lang), [lang]);
  return (
    <LangContext.Provider value={lang}>
      {state ? <Wizard {...store} state={state} /> : <p class="loading">…</p>}
    </LangContext.Provider>
  );
}

function Wizard(props: Omit<StepProps, 'findings' | 'go'>) {
  const t = useT(wizardMessages);
  const { state, updateWizard } = props;
  // Instellingen and "Rapport openen" (support reps; the popup links to options.html#report) are outside the wizard;
  // a watch notification (options.html#watch-<code>) opens Instellingen.
  const [extra, setExtra] = useState<'settings' | 'report' | undefined>(() => (location.hash === '#report' ? 'report' : location.hash.startsWith('#watch') ? 'settings' : undefined));
  const view: View = extra ?? state.wizard.step ?? 'A';
  const findings = useMemo(() => checkSettings(state.draft), [state.draft]);
  const marks = stepMarks(state, findings);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = `${t(`step.${view}`)} · ${t('pageTitle')}`;
    // Move focus to the new step's heading (not on first load), so keyboard and screen-reader users follow.
    if (first.current) first.current = false;
    else heading.current?.focus();
  }, [view]);

  const go = (v: View) => {
    if (v === 'settings' || v === 'report') setExtra(v);
    else {
      setExtra(undefined);
      updateWizard({ step: v });
    }
  };
  const index = WIZARD_STEPS.indexOf(view as WizardStep);
  const Step = VIEWS[view];

  return (
    <div class="layout">
      <header class="page-header">
        <h1>{t('pageTitle')}</h1>
        <p class="lead">{t('intro')}</p>
      </header>
      <nav class="steps-nav" aria-label={t('navLabel')}>
        <ol>
          {WIZARD_STEPS.map((s, i) => {
            const mark = s === 'summary' ? undefined : marks[s];
            return (
              <li key={s}>
                <button type="button" aria-current={view === s ? 'step' : undefined} onClick={() => go(s)} data-step={s} data-mark={mark ?? 'none'}>
                  <span class="step-letter" aria-hidden="true">
                    {s === 'summary' ? '≡' : s}
                  </span>
                  <span>
                    <span class="visually-hidden">{t('stepOf', { n: i + 1, total: WIZARD_STEPS.length })}: </span>
                    {t(`step.${s}`)}
                    {mark && (
                      <span class={`step-mark step-mark-${mark}`}>
                        <span aria-hidden="true">{mark === 'done' ? ' ✓' : mark === 'failed' ? ' ✕' : ' !'}</span>
                        <span class="visually-hidden"> ({t(`nav.${mark}`)})</span>
                      </span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" class="nav-settings" aria-current={view === 'settings' ? 'page' : undefined} onClick={() => go('settings')}>
          <span class="step-letter" aria-hidden="true">⚙</span>
          <span>{t('step.settings')}</span>
        </button>
        <button type="button" class="nav-settings" aria-current={view === 'report' ? 'page' : undefined} onClick={() => go('report')}>
          <span class="step-letter" aria-hidden="true">✉</span>
          <span>{t('step.report')}</span>
        </button>
      </nav>
      <main class="step" id="step">
        <h2 tabIndex={-1} ref={heading} class="step-title">
          {index >= 0 && view !== 'summary' && <span class="step-badge">{view}</span>}
          {t(`step.${view}`)}
        </h2>
        <Step {...props} findings={findings} go={go} />
        {index >= 0 && (
          <div class="step-actions">
            {index > 0 ? (
              <button type="button" class="secondary" onClick={() => go(WIZARD_STEPS[index - 1]!)}>
                ← {t('back')}
              </button>
            ) : (
              <span />
            )}
            {index < WIZARD_STEPS.length - 1 && (
              <button type="button" class="primary" onClick={() => go(WIZARD_STEPS[index + 1]!)}>
                {t('next')} →
              </button>
            )}
          </div>
        )}
      </main>
    </div>
  );
}
