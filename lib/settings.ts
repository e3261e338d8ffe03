import { z } from 'zod/mini';
import { checkHost } from './host';
import { portNumber } from './port';

/** The CRM's four "Encryptie" options, in the order the wizard offers them (best first). */
export const ENCRYPTIONS = ['tls', 'tls-if-available', 'ssl', 'none'] as const;
export const Encryption = z.enum(ENCRYPTIONS);
export type Encryption = z.infer<typeof Encryption>;

/** "Mailserver doorsturen" (relay) or "Mailbox verzenden" (mailbox). */
export const Mode = z.enum(['relay', 'mailbox']);
export type Mode = z.infer<typeof Mode>;

/** Host name (IDN converted to ASCII, lower case) or IP literal; see checkHost for what is refused. */
export const Host = z.pipe(
  z.string(),
  z.transform((raw, ctx) => {
    const r = checkHost(raw);
    if (r.ok) return r.host;
    ctx.issues.push({ code: 'custom', message: `host-invalid:${r.problem}`, input: raw, params: { problem: r.problem } });
    return z.NEVER;
  }),
);

export const Port = z.int().check(z.minimum(1), z.maximum(65535));

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

const PasswordAuth = z.object({
  method: z.literal('password'),
  // Not only spaces: the rules call that username-required too, so schema and findings agree.
  username: z.string().check(z.minLength(1), z.maxLength(320), z.regex(NO_CONTROL), z.regex(/\S/)),
  password: z.string().check(z.minLength(1), z.maxLength(1024), z.regex(NO_CONTROL)),
});
const WhitelistAuth = z.object({ method: z.literal('ip-whitelist') });
export const Auth = z.discriminatedUnion('method', [PasswordAuth, WhitelistAuth]);
export type Auth = z.infer<typeof Auth>;
export const AUTH_METHODS = ['password', 'ip-whitelist'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** A complete, valid configuration exactly as it goes into the CRM's "Eigen mailserver" form. */
export const SmtpSettings = z.object({
  host: Host,
  port: Port,
  encryption: Encryption,
  auth: Auth,
  mode: Mode,
});
export type SmtpSettings = z.infer<typeof SmtpSettings>;

/**
 * What a form holds while someone types: every field may be missing or wrong.
 * Rules read a draft, so findings appear live; the password may be absent (it lives in storage.session).
 */
export interface SettingsDraft {
  host?: string;
  port?: number | string;
  encryption?: string;
  authMethod?: string;
  username?: string;
  password?: string;
  mode?: string;
}

/** The non-secret part of a draft: what may be kept in storage.local and exported. */
export const StoredSettings = z.object({
  host: z.optional(z.string().check(z.maxLength(300))),
  port: z.optional(z.union([z.int(), z.string().check(z.maxLength(10))])),
  encryption: z.optional(Encryption),
  authMethod: z.optional(z.enum(AUTH_METHODS)),
  username: z.optional(z.string().check(z.maxLength(320))),
  mode: z.optional(Mode),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

/** Drops the password and anything unknown: the only way a draft reaches storage.local or an export. */
export function withoutSecrets(draft: SettingsDraft): StoredSettings {
  const { password: _password, ...rest } = draft;
  const r = StoredSettings.safeParse(rest);
  return r.success ? r.data : {};
}

/** Turns a complete draft into SmtpSettings, or says which fields stop it. */
export function draftToSettings(draft: SettingsDraft): { ok: true; settings: SmtpSettings } | { ok: false; fields: string[] } {
  const auth =
    draft.authMethod === 'ip-whitelist'
      ? { method: 'ip-whitelist' }
      : { method: draft.authMethod, username: draft.username ?? '', password: draft.password ?? '' };
  const r = SmtpSettings.safeParse({
    host: draft.host ?? '',
    port: portNumber(draft.port) ?? draft.port,
    encryption: draft.encryption,
    auth,
    mode: draft.mode ?? 'relay',
  });
  if (r.success) return { ok: true, settings: r.data };
  return { ok: false, fields: [...new Set(r.error.issues.map((i) => i.path.map(String).join('.')))] };
}
