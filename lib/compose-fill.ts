import { presetById, presetToDraft } from './presets';
import type { SettingsDraft } from './settings';
import type { FillDraft } from './drafts';

/**
 * What "Invullen" puts into the CRM form: the wizard's saved settings, or a preset's server values
 * with the saved user name. The password comes along only for password authentication; empty values
 * are left out so a fill never wipes what the admin typed. Pure: the background (with the password)
 * and the panel's preview (without) use the same rules.
 */
export function composeFill(saved: SettingsDraft, presetId?: string, ctx: { domain?: string } = {}): FillDraft | undefined {
  const preset = presetId ? presetById(presetId) : undefined;
  if (presetId && !preset) return undefined;
  const base: SettingsDraft = preset
    ? { ...presetToDraft(preset, { email: saved.username?.includes('@') ? saved.username : undefined, domain: ctx.domain }), username: saved.username, password: saved.password, mode: saved.mode ?? preset.modes[0] }
    : saved;
  const usesPassword = base.authMethod !== 'ip-whitelist' && (!preset || preset.usernameHint !== 'none');
  const draft: FillDraft = {};
  const put = <K extends keyof FillDraft>(k: K, v: FillDraft[K] | '' | undefined) => {
    if (v !== undefined && v !== '') draft[k] = v as FillDraft[K];
  };
  put('host', base.host);
  put('port', typeof base.port === 'number' ? base.port : base.port?.trim());
  if (base.encryption === 'tls' || base.encryption === 'tls-if-available' || base.encryption === 'ssl' || base.encryption === 'none') draft.encryption = base.encryption;
  if (base.authMethod === 'password' || base.authMethod === 'ip-whitelist') draft.authMethod = base.authMethod;
  if (usesPassword) {
    put('username', base.username);
    put('password', base.password);
  }
  if (base.mode === 'relay' || base.mode === 'mailbox') draft.mode = base.mode;
  return draft.host || draft.port || draft.encryption || draft.authMethod ? draft : undefined;
}
