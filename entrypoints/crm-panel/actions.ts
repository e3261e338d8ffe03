import type { FillResult } from '@/dom/crm-form-locator';
import type { FormValues } from '@/lib/drafts';
import type { CheckValuesResponse, FillResponse } from '@/messaging/messages';
import { passwordState } from '@/messaging/content-command';
import { describeFix } from '@/lib/describe-fix';
import { panelT } from '@/components/panel/panel-texts';
import type { Status } from '@/components/panel/SmtpPanel';
import type { PanelHost } from '../crm.content/panel-contract';

// The panel's actions: "Invullen", a one-click fix, the validation dialog, the findings. The content script
// lends the fill and the locator (PanelHost); what to fill (and whether the password goes along) the background decides.

/** What was filled and skipped, in the panel's words. */
function fieldList(host: PanelHost, r: FillResult) {
  const t = panelT(host.s.data.lang);
  const filled = r.filled.map((f) => t(`field.${f}`)).join(', ');
  const skipped = r.skipped.map((x) => `${t(`field.${x.field}`)} (${t(`reason.${x.reason}`)})`).join(', ');
  return { filled, skipped };
}

/** "Invullen" in the panel (a real click): the background composes the fill, the form gets it. */
export async function panelFill(host: PanelHost, presetId: string): Promise<Status> {
  const { s } = host;
  const t = panelT(s.data.lang);
  const form = s.screens.smtp?.container;
  const res = (await host.browser.runtime.sendMessage({ type: 'crm/fill-request', presetId: presetId || undefined }).catch(() => undefined)) as FillResponse | undefined;
  if (!res || !res.ok) {
    return { kind: 'error', text: res?.error === 'nothing-saved' ? t('fillNothing') : res?.error === 'navigated' ? t('fillNavigated') : t('fillForbidden') };
  }
  // The tab may have gone elsewhere while the background answered. The CRM may also have swapped the form:
  // then the fill goes into the form there is now (located afresh), as long as there is one.
  if (s.doc.location.origin !== s.startOrigin) return { kind: 'error', text: t('fillNavigated') };
  if (form && !form.isConnected && !s.screens.smtp) return { kind: 'error', text: t('fillNoForm') };
  const r = await host.applyFill(res.draft);
  res.draft.password = undefined;
  const { filled, skipped } = fieldList(host, r);
  return { kind: r.skipped.length ? 'info' : 'ok', text: [filled && t('fillDone', { fields: filled }), skipped && t('fillSkipped', { fields: skipped })].filter(Boolean).join(' ') };
}

/** A one-click fix from a finding or the probe's diagnosis: fills those fields (never a password), like "Invullen". */
export function panelFix(host: PanelHost, fix: FormValues): Status {
  const { s } = host;
  const t = panelT(s.data.lang);
  const { mode: _mode, ...draft } = fix;
  const r = host.fillForm(s.doc, { ...draft, port: draft.port === undefined ? undefined : String(draft.port) });
  s.touched = true;
  const what = describeFix(fix, s.data.lang);
  return r.filled.length && !r.skipped.length ? { kind: 'ok', text: t('fixDone', { what }) } : { kind: 'error', text: t('fixFailed', { what }) };
}

/** Domein / Van / Naar in the "SMTP server validatie" dialog, from the wizard. */
export function validationFill(host: PanelHost): Status {
  const { s } = host;
  const t = panelT(s.data.lang);
  const r = host.fillValidationDialog(s.doc, s.data.validation ?? {});
  return { kind: r.filled.length ? 'ok' : 'error', text: t('validation.done', { fields: r.filled.map((f) => t(`field.${f}`)).join(', ') || '—' }) };
}

/** Findings and the support report, built by the background; the password goes only as a state such as "empty". */
export async function checkForm(host: PanelHost, probe?: string): Promise<CheckValuesResponse> {
  const { values, password } = host.formValues();
  const got = (await host.browser.runtime
    .sendMessage({ type: 'crm/check-values', lang: host.s.data.lang, values, password: passwordState(password), passwordFilled: !!password, ...(probe ? { probe: probe.slice(0, 4000) } : {}) })
    .catch(() => undefined)) as CheckValuesResponse | undefined;
  return got && Array.isArray(got.findings) ? got : { findings: [], report: '' };
}
