import { browser } from 'wxt/browser';
import { fillForm, fillValidationDialog, type FillResult } from '@/dom/crm-form-locator';
import type { FillDraft, FormValues } from '@/lib/drafts';
import type { FillResponse } from '@/messaging/messages';
import { describeFix } from '@/lib/describe-fix';
import { panelT } from '@/components/panel/panel-texts';
import type { Status } from '@/components/panel/SmtpPanel';
import type { PageState } from './page-state';

// Form actions: fill (and retry the fields the CRM reveals late), a one-click fix, the validation dialog.
// The content script only reads, fills and shows: what to fill (and whether the password goes along)
// the background decides.

/** What was filled and skipped, in the panel's words. */
function fieldList(s: PageState, r: FillResult) {
  const t = panelT(s.data.lang);
  const filled = r.filled.map((f) => t(`field.${f}`)).join(', ');
  const skipped = r.skipped.map((x) => `${t(`field.${x.field}`)} (${t(`reason.${x.reason}`)})`).join(', ');
  return { filled, skipped };
}

/** Fills the SMTP form; when the CRM reveals Gebruikersnaam/Wachtwoord only after the radio, tries those again. */
export async function applyFill(s: PageState, draft: FillDraft): Promise<FillResult> {
  const r = fillForm(s.doc, draft);
  s.touched = true;
  const later = r.skipped.filter((x) => (x.field === 'username' || x.field === 'password') && (x.reason === 'hidden' || x.reason === 'not-found'));
  if (later.length && draft.authMethod !== 'ip-whitelist') {
    await new Promise((res) => setTimeout(res, 250)); // the CRM's own script reveals them
    const again = fillForm(s.doc, Object.fromEntries(later.map((x) => [x.field, draft[x.field as 'username' | 'password']])));
    r.skipped = r.skipped.filter((x) => !again.filled.includes(x.field));
    r.filled.push(...again.filled);
  }
  return r;
}

/** "Invullen" in the panel (a real click): the background composes the fill, the form gets it. */
export async function panelFill(s: PageState, presetId: string): Promise<Status> {
  const t = panelT(s.data.lang);
  const form = s.screens.smtp?.container;
  const res = (await browser.runtime.sendMessage({ type: 'crm/fill-request', presetId: presetId || undefined }).catch(() => undefined)) as FillResponse | undefined;
  if (!res || !res.ok) {
    return { kind: 'error', text: res?.error === 'nothing-saved' ? t('fillNothing') : res?.error === 'navigated' ? t('fillNavigated') : t('fillForbidden') };
  }
  // The tab may have gone elsewhere while the background answered. The CRM may also have swapped the form:
  // then the fill goes into the form there is now (located afresh), as long as there is one.
  if (s.doc.location.origin !== s.startOrigin) return { kind: 'error', text: t('fillNavigated') };
  if (form && !form.isConnected && !s.screens.smtp) return { kind: 'error', text: t('fillNoForm') };
  const r = await applyFill(s, res.draft);
  res.draft.password = undefined;
  const { filled, skipped } = fieldList(s, r);
  return { kind: r.skipped.length ? 'info' : 'ok', text: [filled && t('fillDone', { fields: filled }), skipped && t('fillSkipped', { fields: skipped })].filter(Boolean).join(' ') };
}

/** A one-click fix from a finding or the probe's diagnosis: fills those fields (never a password), like "Invullen". */
export function panelFix(s: PageState, fix: FormValues): Status {
  const t = panelT(s.data.lang);
  const { mode: _mode, ...draft } = fix;
  const r = fillForm(s.doc, { ...draft, port: draft.port === undefined ? undefined : String(draft.port) });
  s.touched = true;
  const what = describeFix(fix, s.data.lang);
  return r.filled.length && !r.skipped.length ? { kind: 'ok', text: t('fixDone', { what }) } : { kind: 'error', text: t('fixFailed', { what }) };
}

/** Domein / Van / Naar in the "SMTP server validatie" dialog, from the wizard. */
export function validationFill(s: PageState): Status {
  const t = panelT(s.data.lang);
  const r = fillValidationDialog(s.doc, s.data.validation ?? {});
  return { kind: r.filled.length ? 'ok' : 'error', text: t('validation.done', { fields: r.filled.map((f) => t(`field.${f}`)).join(', ') || '—' }) };
}
