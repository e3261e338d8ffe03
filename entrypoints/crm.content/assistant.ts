import { h, type ComponentChild, type FunctionComponent } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectScreens, fillForm, locateSmtpForm, fillValidationDialog, readForm, type FillResult } from '@/dom/crm-form-locator';
import type { Lang } from '@/lib/i18n/define';
import { langFromLocale } from '@/lib/i18n/lang';
import type { WizardState } from '@/lib/prefs';
import type { SettingsDraft } from '@/lib/settings';
import type { ApplyFillResponse, CheckResponse, FillResponse, PanelData, StatusResponse } from '@/messaging/messages';
import type { FillDraft, FixDraft, FormValues } from '@/lib/drafts';
import type { ShownFinding } from '@/lib/shown';
import { isContentCommand, isProbeResultMessage, isProbeStepMessage, passwordState, PROBE_PORT } from '@/messaging/content-command';
import type { ProbeStep } from '@/lib/api';
import { panelT, setPanelTexts } from '@/components/panel/panel-texts';
import { buildReport } from '@/lib/report/text-report';
import { describeFix } from '@/lib/describe-fix';
import { SmtpPanel, type ProbeView, type SmtpPanelProps, type Status } from '@/components/panel/SmtpPanel';
import { RightsPanel } from '@/components/panel/RightsPanel';
import { ValidationPanel } from '@/components/panel/ValidationPanel';
import { mountPanel, PANEL_TAG, type MountedPanel } from './mount';
import { debounce } from './debounce';

type Kind = 'smtp' | 'rights' | 'validation';

/**
 * Runs in the CRM page (top frame only): watches for the three screens, shows the panel beside each,
 * and answers the popup's commands. It never listens to window messages or page events: only the
 * admin's trusted clicks in the panel and runtime messages from this extension make it act.
 */
export function startAssistant(ctx: ContentScriptContext, doc: Document = document): void {
  const startOrigin = doc.location.origin;
  let lang: Lang = langFromLocale(navigator.language);
  let saved: SettingsDraft = {};
  let wizard: WizardState = {};
  let data: PanelData = { texts: {}, hasPassword: false, presets: [] };
  let findings: ShownFinding[] = [];
  const panels = new Map<Kind, MountedPanel>();
  let screens: ReturnType<typeof detectScreens> = {};
  let outlined: { el: HTMLElement; outline: string; offset: string } | undefined;

  // ---------- state from storage.local (non-secret) and whether a password is saved ----------
  // Read by hand rather than with the zod schemas: this script loads on every CRM page and must stay small.
  const loadState = async () => {
    const raw = (await browser.storage.local.get(['settings', 'prefs', 'wizard'])) as Record<string, unknown>;
    const obj = (x: unknown) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {});
    const str = (x: unknown) => (typeof x === 'string' ? x.slice(0, 320) : undefined);
    const settings = obj(raw.settings);
    const prefs = obj(raw.prefs);
    const validation = obj(obj(raw.wizard).validation);
    saved = { mode: settings.mode === 'mailbox' ? 'mailbox' : settings.mode === 'relay' ? 'relay' : undefined };
    wizard = { validation: { domain: str(validation.domain), from: str(validation.from), to: str(validation.to) } };
    lang = prefs.lang === 'en' || prefs.lang === 'nl' ? prefs.lang : langFromLocale(navigator.language);
    const d = (await browser.runtime.sendMessage({ type: 'crm/panel-data', lang }).catch(() => undefined)) as PanelData | undefined;
    if (d && Array.isArray(d.presets)) {
      data = d;
      setPanelTexts(d.texts);
    }
  };

  // ---------- what the form says ----------
  // The form is located afresh each time: filling or the CRM may have revealed or replaced fields.
  const formValues = (): { values: FormValues; passwordFilled: boolean } => {
    const { password, ...values } = readForm(doc);
    return { values: { ...values, ...(saved.mode ? { mode: saved.mode } : {}) }, passwordFilled: !!password };
  };

  /** Findings (with texts) from the background; the password goes only as a state such as "empty". */
  const checkForm = async (): Promise<ShownFinding[]> => {
    const { values } = formValues();
    const pw = locateSmtpForm(doc)?.fields.password?.value;
    const got = (await browser.runtime.sendMessage({ type: 'crm/check-values', lang, values, password: passwordState(pw) }).catch(() => undefined)) as ShownFinding[] | undefined;
    return Array.isArray(got) ? got : [];
  };
  const refresh = async () => {
    findings = await checkForm();
    panels.get('smtp')?.update(vnode('smtp'));
  };

  /** The support report on the form as it is now (findings fetched afresh, not the last debounced ones). */
  const report = async (probe?: string) => {
    findings = await checkForm();
    const { values, passwordFilled } = formValues();
    return buildReport({ url: doc.location.href, time: new Date(), values, passwordFilled, findings, probe }, panelT(lang));
  };

  // ---------- filling ----------
  const fieldList = (r: FillResult) => {
    const t = panelT(lang);
    const filled = r.filled.map((f) => t(`field.${f}`)).join(', ');
    const skipped = r.skipped.map((s) => `${t(`field.${s.field}`)} (${t(`reason.${s.reason}`)})`).join(', ');
    return { filled, skipped };
  };

  /** Fills the SMTP form; when the CRM reveals Gebruikersnaam/Wachtwoord only after the radio, tries those again. */
  const applyFill = async (draft: FillDraft): Promise<FillResult> => {
    const r = fillForm(doc, draft);
    const later = r.skipped.filter((s) => (s.field === 'username' || s.field === 'password') && (s.reason === 'hidden' || s.reason === 'not-found'));
    if (later.length && draft.authMethod !== 'ip-whitelist') {
      await new Promise((res) => setTimeout(res, 250));
      const again = fillForm(doc, Object.fromEntries(later.map((s) => [s.field, draft[s.field as 'username' | 'password']])));
      r.skipped = r.skipped.filter((s) => !again.filled.includes(s.field)).concat();
      r.filled.push(...again.filled);
    }
    return r;
  };

  const stillHere = (form: Element | undefined) => doc.location.origin === startOrigin && (!form || form.isConnected);

  const onPanelFill = async (presetId: string): Promise<Status> => {
    const t = panelT(lang);
    const form = screens.smtp?.container;
    const res = (await browser.runtime.sendMessage({ type: 'crm/fill-request', presetId: presetId || undefined }).catch(() => undefined)) as FillResponse | undefined;
    if (!res || !res.ok) {
      return { kind: 'error', text: res?.error === 'nothing-saved' ? t('fillNothing') : res?.error === 'navigated' ? t('fillNavigated') : t('fillForbidden') };
    }
    // The tab may have gone elsewhere (or the CRM swapped the form) while the background answered.
    if (!stillHere(form)) return { kind: 'error', text: t('fillNavigated') };
    const r = await applyFill(res.draft);
    res.draft.password = undefined;
    const { filled, skipped } = fieldList(r);
    return { kind: r.skipped.length ? 'info' : 'ok', text: [filled && t('fillDone', { fields: filled }), skipped && t('fillSkipped', { fields: skipped })].filter(Boolean).join(' ') };
  };

  /**
   * "Controleren" (called only for a trusted click): the form's values go to the background, which asks
   * the backend. The form's own Wachtwoord goes along only now, only with password authentication and
   * only from the usable field the locator found; it is used for this probe and kept nowhere.
   */
  const onPanelProbe = (onStep: (step: ProbeStep) => void): Promise<ProbeView> => {
    const { values } = formValues();
    if (!values.host || !values.port || !values.encryption) return Promise.resolve({ state: 'incomplete' });
    const pw = values.authMethod === 'password' ? locateSmtpForm(doc)?.fields.password?.value || undefined : undefined;
    // Our own Port to the background (pages cannot connect to it): steps as the backend completes them, then the result.
    const noAnswer: ProbeView = { state: 'error', text: panelT(lang)('probeNoAnswer'), findings: [] };
    let port: ReturnType<typeof browser.runtime.connect>;
    try {
      port = browser.runtime.connect({ name: PROBE_PORT });
    } catch {
      return Promise.resolve(noAnswer); // the extension was reloaded under this page
    }
    return new Promise((resolve) => {
      let done = false;
      const finish = (view: ProbeView) => {
        if (done) return;
        done = true;
        resolve(view);
        port.disconnect();
      };
      port.onMessage.addListener((m: unknown) => {
        if (isProbeStepMessage(m)) {
          if (!done) onStep(m.step);
        } else if (isProbeResultMessage(m)) {
          const res = m.response;
          if (!res.ok) finish(res.kind === 'unreachable' ? { state: 'down', url: res.backendUrl } : { state: 'error', text: res.message, findings: res.findings ?? [] });
          else finish({ state: 'done', report: res.report, password: res.password, current: values.encryption });
        }
      });
      port.onDisconnect.addListener(() => finish(noAnswer));
      port.postMessage({ type: 'crm/probe', values, lang, password: pw });
    });
  };

  /** A one-click fix from a finding or the probe's diagnosis: fills those fields (never a password), like "Invullen". */
  const onPanelFix = (fix: FixDraft): Status => {
    const t = panelT(lang);
    const { mode: _mode, ...draft } = fix;
    const r = fillForm(doc, { ...draft, port: draft.port === undefined ? undefined : String(draft.port) });
    const what = describeFix(fix, lang);
    return r.filled.length && !r.skipped.length ? { kind: 'ok', text: t('fixDone', { what }) } : { kind: 'error', text: t('fixFailed', { what }) };
  };

  // ---------- Rechten: outline the block, never click it ----------
  const outline = (block: Element | undefined) => {
    if (outlined && outlined.el !== block) {
      outlined.el.style.outline = outlined.outline;
      outlined.el.style.outlineOffset = outlined.offset;
      outlined = undefined;
    }
    if (block && !outlined && 'style' in block) {
      const el = block as HTMLElement;
      outlined = { el, outline: el.style.outline, offset: el.style.outlineOffset };
      el.style.outline = '3px solid #dd6b20';
      el.style.outlineOffset = '2px';
    }
  };
  const pointAtRight = () => {
    const block = screens.rights?.block as HTMLElement | undefined;
    if (!block) return false;
    block.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    block.animate?.([{ outlineColor: '#dd6b20' }, { outlineColor: '#fbd38d' }, { outlineColor: '#dd6b20' }], { duration: 600, iterations: 3 });
    return true;
  };

  // ---------- rendering ----------
  const vnode = (kind: Kind): ComponentChild => {
    if (kind === 'smtp') {
      return h(SmtpPanel as FunctionComponent<SmtpPanelProps>, {
        lang,
        findings,
        data,
        onFill: onPanelFill,
        onProbe: onPanelProbe,
        onFix: onPanelFix,
        report,
      });
    }
    if (kind === 'rights') return h(RightsPanel, { lang, state: screens.rights!.state, onPoint: pointAtRight });
    return h(ValidationPanel, {
      lang,
      saved: wizard.validation,
      mailboxMode: saved.mode === 'mailbox',
      onFill: (): Status => {
        const t = panelT(lang);
        const r = fillValidationDialog(doc, wizard.validation ?? {});
        return { kind: r.filled.length ? 'ok' : 'error', text: t('validation.done', { fields: r.filled.map((f) => t(`field.${f}`)).join(', ') || '—' }) };
      },
    });
  };

  const placeFor = (kind: Kind): { anchor: Element; append: boolean; attrs: Record<string, string> } | undefined => {
    if (kind === 'smtp') return screens.smtp && { anchor: screens.smtp.container, append: false, attrs: {} };
    if (kind === 'validation') return screens.validation && { anchor: screens.validation.dialog, append: true, attrs: { 'data-place': 'dialog' } };
    // Below the list of blocks; when that list sits in a row of columns, below the whole row.
    const list = screens.rights?.block.parentElement;
    if (!list) return undefined;
    const row = list.parentElement;
    const inRow = row && row !== doc.body && /flex|grid/.test(doc.defaultView?.getComputedStyle(row).display ?? '');
    return { anchor: inRow ? row : list, append: false, attrs: {} };
  };

  const sync = () => {
    for (const kind of ['smtp', 'rights', 'validation'] as const) {
      const place = placeFor(kind);
      const current = panels.get(kind);
      if (current && (!place || current.anchor !== place.anchor || !current.host.isConnected)) {
        current.remove();
        panels.delete(kind);
      }
      if (!place) continue;
      const p = panels.get(kind);
      if (p) p.update(vnode(kind));
      else panels.set(kind, mountPanel({ kind: place.append ? 'append' : 'after', anchor: place.anchor }, vnode(kind), { ...place.attrs, 'data-screen': kind }));
    }
    outline(screens.rights?.block);
  };

  const rescan = () => {
    screens = detectScreens(doc);
    sync();
    if (screens.smtp) void refresh();
  };
  const rescanSoon = debounce(rescan, 200);
  const refreshSoon = debounce(() => void refresh(), 120);

  const ours = (n: Node) => n.nodeName.toLowerCase() === PANEL_TAG;
  const observer = new MutationObserver((records) => {
    // Our own panel going in or out is not a change of screen.
    if (records.every((r) => r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours))) return;
    rescanSoon();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden', 'open', 'aria-hidden', 'disabled', 'aria-checked', 'aria-pressed', 'data-state', 'checked'] });

  // Live findings as the admin types (these are the page's own input events, read, never acted on).
  const onInput = (e: Event) => {
    if (panels.has('smtp') && !(e.target instanceof Node && ours(e.target))) refreshSoon();
  };
  doc.addEventListener('input', onInput, true);
  doc.addEventListener('change', onInput, true);

  // ---------- commands from the popup / wizard (extension pages only) ----------
  const onMessage = (raw: unknown, sender: { id?: string; tab?: unknown }): Promise<unknown> | undefined => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    if (!isContentCommand(raw)) return undefined;
    const msg = { data: raw };
    screens = detectScreens(doc);
    const status = (): StatusResponse => ({
      screen: screens.validation ? 'validation' : screens.smtp ? 'smtp' : screens.rights ? 'rights' : 'none',
      smtpForm: !!screens.smtp,
      validationDialog: !!screens.validation,
      right: screens.rights?.state,
      origin: doc.location.origin,
    });
    switch (msg.data.type) {
      case 'crm/status':
        return Promise.resolve(status());
      case 'crm/check': {
        const { values, passwordFilled } = formValues();
        return report().then((text): CheckResponse => ({ status: status(), values, passwordFilled, findings, report: text }));
      }
      case 'crm/apply-fill': {
        const { draft, origin } = msg.data;
        if (origin !== doc.location.origin || origin !== startOrigin) return Promise.resolve<ApplyFillResponse>({ ok: false, error: 'navigated', filled: [], skipped: [] });
        if (!screens.smtp) return Promise.resolve<ApplyFillResponse>({ ok: false, error: 'no-form', filled: [], skipped: [] });
        return applyFill(draft).then((r) => ({ ok: true, filled: r.filled, skipped: r.skipped }));
      }
      case 'crm/point-at-right': {
        sync();
        return Promise.resolve({ ok: pointAtRight(), right: screens.rights?.state });
      }
    }
  };
  browser.runtime.onMessage.addListener(onMessage as never);

  const reloadState = () => void loadState().then(() => {
    for (const kind of panels.keys()) panels.get(kind)?.update(vnode(kind));
  });
  const onStorage = (_: unknown, area: string) => {
    if (area === 'local') reloadState();
  };
  browser.storage.onChanged.addListener(onStorage);

  ctx.onInvalidated(() => {
    observer.disconnect();
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('change', onInput, true);
    browser.runtime.onMessage.removeListener(onMessage as never);
    browser.storage.onChanged.removeListener(onStorage);
    for (const p of panels.values()) p.remove();
    panels.clear();
    outline(undefined);
  });

  void loadState().finally(rescan);
}
