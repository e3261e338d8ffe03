import { z } from 'zod/mini';
import { AUTH_METHODS, ENCRYPTIONS, Mode } from './settings';

/**
 * Every runtime message between the CRM content script, the extension pages (popup, options) and the
 * background, as zod/mini discriminated unions on `type`. Receivers safeParse and drop what fails.
 *
 * Trust model (docs/ARCHITECTURE.md, Extension):
 * - content script → background: `crm/fill-request` (answered with the password: only from our own
 *   content script, frame 0 of a tab on a CRM origin, sent only after a trusted click in the panel),
 *   `crm/probe` (never answered with the password), `crm/panel-data` (presets and what a fill would
 *   set, without the password), `crm/check-values` (findings with texts on the form's values; the
 *   password only as a state such as "empty").
 * - extension page → content script (tabs.sendMessage, frame 0): `crm/status`, `crm/check`,
 *   `crm/apply-fill` (carries the password: the popup sends it after the admin's click there),
 *   `crm/point-at-right`.
 * Pages cannot send runtime messages (no externally_connectable), and the content script does not
 * listen to window.postMessage or DOM events from the page at all.
 */

const Str = (max: number) => z.string().check(z.maxLength(max));

/** What a fill puts into the SMTP form; only the fill messages carry a password. */
export const FillDraft = z.object({
  host: z.optional(Str(300)),
  port: z.optional(z.union([z.int(), Str(10)])),
  encryption: z.optional(z.enum(ENCRYPTIONS)),
  authMethod: z.optional(z.enum(AUTH_METHODS)),
  username: z.optional(Str(320)),
  password: z.optional(Str(1024)),
  mode: z.optional(Mode),
});
export type FillDraft = z.infer<typeof FillDraft>;

/** The form's values without the password: what a check or a probe request may carry. */
export const FormValues = z.object({
  host: z.optional(Str(300)),
  port: z.optional(z.union([z.number(), Str(10)])),
  encryption: z.optional(Str(40)),
  authMethod: z.optional(Str(40)),
  username: z.optional(Str(320)),
  mode: z.optional(Str(20)),
});
export type FormValues = z.infer<typeof FormValues>;

export const PresetId = Str(60);

// ---------- content script → background ----------

export const FillRequest = z.object({ type: z.literal('crm/fill-request'), presetId: z.optional(PresetId) });
export const ProbeRequestMessage = z.object({ type: z.literal('crm/probe'), values: FormValues, lang: z.optional(z.enum(['nl', 'en'])) });
export const PanelDataRequest = z.object({ type: z.literal('crm/panel-data') });
/** What the page's Wachtwoord holds, as far as the rules need to know: the value itself stays in the page. */
export const PASSWORD_STATES = ['absent', 'empty', 'control', 'app-password-like', 'other'] as const;
export type PasswordState = (typeof PASSWORD_STATES)[number];

/**
 * Findings (with their texts) on the form's values, computed by the background: the rules and the
 * catalogues stay out of the content script, which loads on every CRM page.
 */
export const CheckValuesRequest = z.object({
  type: z.literal('crm/check-values'),
  lang: z.enum(['nl', 'en']),
  values: FormValues,
  password: z.enum(PASSWORD_STATES),
});

export const ContentToBackground = z.discriminatedUnion('type', [FillRequest, ProbeRequestMessage, PanelDataRequest, CheckValuesRequest]);
export type ContentToBackground = z.infer<typeof ContentToBackground>;

export type FillError = 'forbidden' | 'navigated' | 'nothing-saved';
export type FillResponse = { ok: true; draft: FillDraft } | { ok: false; error: FillError };
/** What the panel shows before any click: never the password, only whether one is saved. */
export interface PanelData {
  hasPassword: boolean;
  /** What "Invullen" would fill from the wizard's saved settings (password left out). */
  saved?: FillDraft;
  presets: { id: string; name: string; featured: boolean; fill?: FillDraft }[];
}
/** A finding as shown: code, severity and its text in the asked language. */
export interface ShownFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  text: string;
}
/** The probe's report is the backend's (lib/api.ts ProbeReport, its findings with texts added); errors say why there is none. */
export type ProbeResponse = { ok: true; report: unknown } | { ok: false; error: 'backend-unreachable' | 'invalid' | 'forbidden'; detail?: string };

// ---------- extension page → content script ----------

export const StatusCommand = z.object({ type: z.literal('crm/status') });
export const CheckCommand = z.object({ type: z.literal('crm/check') });
export const ApplyFillCommand = z.object({
  type: z.literal('crm/apply-fill'),
  draft: FillDraft,
  /** The origin the sender saw; the content script refuses when its page is elsewhere now. */
  origin: Str(300),
});
export const PointAtRightCommand = z.object({ type: z.literal('crm/point-at-right') });

export const ContentCommand = z.discriminatedUnion('type', [StatusCommand, CheckCommand, ApplyFillCommand, PointAtRightCommand]);
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
