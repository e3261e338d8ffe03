import { z } from 'zod/mini';
import { ProbeStep } from '@/lib/api';
import { FillDraft, FormValues } from '@/lib/drafts';
import type { ShownFinding, ShownProbeReport } from '@/lib/shown';
import { PASSWORD_STATES, type PasswordState } from '@/lib/password';

/**
 * Every runtime message between the CRM content script, the extension pages (popup, options) and the
 * background, as zod/mini discriminated unions on `type`. Receivers safeParse and drop what fails.
 *
 * Trust model (docs/ARCHITECTURE.md, Extension):
 * - content script → background: `crm/fill-request` (answered with the password: only from our own
 *   content script, frame 0 of a tab on a CRM origin, sent only after a trusted click in the panel),
 *   `crm/probe` (never answered with a password; it may carry the form's own Wachtwoord, read at the
 *   admin's trusted click on "Controleren", for that one probe only), `crm/panel-data` (presets and what a fill would
 *   set, without the password), `crm/check-values` (findings with texts on the form's values; the
 *   password only as a state such as "empty").
 * - extension page → background: `crm/tab-status`, `crm/tab-fill`, `crm/tab-check`, `crm/tab-point`
 *   (only from this extension's own pages; the background checks the tab is a CRM tab).
 * - background → content script (tabs.sendMessage, frame 0): `crm/status`, `crm/read`,
 *   `crm/apply-fill` (carries the password, under the password rule), `crm/point-at-right`.
 * Pages cannot send runtime messages (no externally_connectable), and the content script does not
 * listen to window.postMessage or DOM events from the page at all.
 */

const Str = (max: number) => z.string().check(z.maxLength(max));



export const PresetId = Str(60);

// ---------- content script → background ----------

export const FillRequest = z.object({ type: z.literal('crm/fill-request'), presetId: z.optional(PresetId) });
/**
 * A server test of the form's values. `password` is the form's own Wachtwoord (already in the page,
 * typed by the admin), read only at the trusted click on "Controleren" and used for this one probe:
 * never stored, logged, or sent back. Without it the background may add the saved password
 * (docs/ARCHITECTURE.md, "Which password a probe uses").
 */
export const ProbeRequestMessage = z.object({
  type: z.literal('crm/probe'),
  values: FormValues,
  lang: z.optional(z.enum(['nl', 'en'])),
  password: z.optional(Str(1024)),
});
/**
 * What the panel needs before any click. The background picks the language (the page's <html lang>, then
 * the admin's choice under Instellingen, then the browser's): the page's and the browser's are sent along.
 */
export const PanelDataRequest = z.object({
  type: z.literal('crm/panel-data'),
  pageLang: z.optional(Str(40)),
  browserLang: z.optional(Str(40)),
});
/** What the page's Wachtwoord holds, as far as the rules need to know: the value itself stays in the page. */
// Defined once in lib/password.ts (with the app-password pattern the states depend on).
export { PASSWORD_STATES, type PasswordState };

/**
 * Findings (with their texts) on the form's values, computed by the background: the rules and the
 * catalogues stay out of the content script, which loads on every CRM page.
 */
export const CheckValuesRequest = z.object({
  type: z.literal('crm/check-values'),
  lang: z.enum(['nl', 'en']),
  values: FormValues,
  password: z.enum(PASSWORD_STATES),
  /** Whether Wachtwoord holds something (for the report; never its value). */
  passwordFilled: z.optional(z.boolean()),
  /** The last server test's one-line summary (lib/report/text-report.ts probeSummary), for the report. */
  probe: z.optional(Str(4000)),
});
/** The findings and the support report, both built by the background (one check path for the panel and the popup). */
export interface CheckValuesResponse {
  findings: ShownFinding[];
  report: string;
}

export const ContentToBackground = z.discriminatedUnion('type', [FillRequest, ProbeRequestMessage, PanelDataRequest, CheckValuesRequest]);
export type ContentToBackground = z.infer<typeof ContentToBackground>;

export type FillError = 'forbidden' | 'navigated' | 'nothing-saved';
export type FillResponse = { ok: true; draft: FillDraft } | { ok: false; error: FillError };
/** What the panel shows before any click: never the password, only whether one is saved. */
export interface PanelData {
  /** The panel's language, picked by the background (PanelDataRequest). */
  lang: 'nl' | 'en';
  /** The panel's texts in that language (lib/i18n/panel.ts): the catalogues stay out of the content script. */
  texts: Record<string, string>;
  hasPassword: boolean;
  /** What "Invullen" would fill from the wizard's saved settings (password left out). */
  saved?: FillDraft;
  /** Errors the wizard's rules find in `saved`: "Invullen" says so before it writes them. */
  savedErrors?: ShownFinding[];
  /** Whether "Invullen" would put the saved password in (the password rule, background/policy.ts). */
  savedWithPassword?: boolean;
  presets: { id: string; name: string; featured: boolean; fill?: FillDraft; errors?: ShownFinding[]; withPassword?: boolean }[];
  /** Werkwijze chosen in the wizard (relay / mailbox). */
  mode?: 'relay' | 'mailbox';
  /** Domein / Van / Naar for the validation dialog. */
  validation?: { domain?: string; from?: string; to?: string };
  /** Where "Controleren" sends the form's values (shown before the form's password goes along). */
  backendUrl: string;
}
/** Which password the probe logged in with: the form's, the wizard's saved one, or none (no AUTH). */
export type ProbePasswordSource = 'form' | 'saved' | 'none';
/**
 * The probe's outcome: the report, or why there is none: the backend is not running (`unreachable`,
 * with its address), it refused the request (`http`: message in the asked language, findings with
 * texts), or it answered nonsense (`invalid-response`).
 */
export type ProbeResponse =
  | { ok: true; report: ShownProbeReport; password: ProbePasswordSource }
  | { ok: false; kind: 'unreachable' | 'http' | 'invalid-response'; code: string; message: string; backendUrl: string; findings?: ShownFinding[] };

// ---------- background → content script, on the content script's own Port ----------

/**
 * A live "Controleren": the content script opens `runtime.connect({ name: 'crm/probe' })` (PROBE_PORT in
 * messaging/content-command.ts) and posts one ProbeRequestMessage on it (the same message, with the same password
 * rules, as `crm/probe`). The background checks the port's sender as for any content-script message, posts a
 * `crm/probe-step` for each step as the backend completes it, then one `crm/probe-result`, and disconnects.
 * Closing the port (the panel or page went away) aborts the probe. Nothing on the port carries a password back.
 */
export const ProbeStepMessage = z.object({ type: z.literal('crm/probe-step'), step: ProbeStep });
export type ProbeStepMessage = z.infer<typeof ProbeStepMessage>;
export interface ProbeResultMessage {
  type: 'crm/probe-result';
  response: ProbeResponse;
}

// ---------- extension page (popup, options) → background ----------

/**
 * The popup and the wizard ask the background about a CRM tab; the background checks the tab and the
 * sender, then talks to the content script in the tab's top frame. No page talks to a content script itself.
 */
const TabId = z.number().check(z.int(), z.nonnegative());
export const TabStatusRequest = z.object({ type: z.literal('crm/tab-status'), tabId: TabId });
export const TabFillRequest = z.object({ type: z.literal('crm/tab-fill'), tabId: TabId, origin: Str(300), presetId: z.optional(PresetId) });
export const TabCheckRequest = z.object({ type: z.literal('crm/tab-check'), tabId: TabId, lang: z.optional(z.enum(['nl', 'en'])) });
export const TabPointRequest = z.object({ type: z.literal('crm/tab-point'), tabId: TabId });
export const PageToBackground = z.discriminatedUnion('type', [TabStatusRequest, TabFillRequest, TabCheckRequest, TabPointRequest]);
export type PageToBackground = z.infer<typeof PageToBackground>;
export type TabFillResponse = ApplyFillResponse | { ok: false; error: 'nothing-saved' | 'unreachable' | 'navigated' | 'no-crm-tab' };

// ---------- background → content script ----------

export const StatusCommand = z.object({ type: z.literal('crm/status') });
/** The form as it is now: values, the password's state, never its value. */
export const ReadCommand = z.object({ type: z.literal('crm/read') });
export const ApplyFillCommand = z.object({
  type: z.literal('crm/apply-fill'),
  draft: FillDraft,
  /** The origin the sender saw; the content script refuses when its page is elsewhere now. */
  origin: Str(300),
});
export const PointAtRightCommand = z.object({ type: z.literal('crm/point-at-right') });

export const ContentCommand = z.discriminatedUnion('type', [StatusCommand, ReadCommand, ApplyFillCommand, PointAtRightCommand]);
export type ContentCommand = z.infer<typeof ContentCommand>;

export type CrmScreenName = 'smtp' | 'rights' | 'validation' | 'none';
export interface StatusResponse {
  screen: CrmScreenName;
  /** Also true when the validation dialog sits over the SMTP page. */
  smtpForm: boolean;
  validationDialog: boolean;
  right?: 'on' | 'off' | 'unknown';
  origin: string;
}
export interface ReadResponse {
  status: StatusResponse;
  values: FormValues;
  password: PasswordState;
  url: string;
}
export interface CheckResponse {
  status: StatusResponse;
  values: FormValues;
  /** Whether the form's Wachtwoord holds something; the value itself never leaves the page. */
  passwordFilled: boolean;
  /** Finding objects (lib/findings.ts) on the form's values. */
  findings: ShownFinding[];
  report: string;
}
export interface ApplyFillResponse {
  ok: boolean;
  error?: 'no-form' | 'navigated';
  filled: string[];
  skipped: { field: string; reason: string }[];
}
export interface PointResponse {
  ok: boolean;
  right?: 'on' | 'off' | 'unknown';
}
