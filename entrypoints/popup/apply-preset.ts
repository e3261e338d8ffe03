import type { Preset } from '@/lib/presets';
import { presetPatch } from '@/components/PresetPicker';
import { loadDraft, saveDraft } from '@/services/settings-store';
import type { SettingsDraft } from '@/lib/settings';

/** Saves a preset into the stored draft (never touching the password); returns the draft before and the patch. */
export async function applyPreset(p: Preset): Promise<{ before: SettingsDraft; patch: Partial<SettingsDraft> }> {
  const before = await loadDraft();
  const patch = presetPatch(p, before);
  const { password: _pw, ...rest } = { ...before, ...patch };
  await saveDraft(rest);
  return { before, patch };
}
