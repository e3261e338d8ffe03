import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Prefs, WizardState } from '@/lib/prefs';
import type { SettingsDraft } from '@/lib/settings';
import { loadDraft, loadLocal, loadOutcomes, saveDraft, saveOutcome, savePrefs, saveWizard, type LastOutcomes } from '@/services/settings-store';

export interface OptionsState {
  draft: SettingsDraft;
  wizard: WizardState;
  prefs: Prefs;
  /** The last test's and validation mail's results (summary, side navigation). */
  outcomes: LastOutcomes;
}

/**
 * The options page's state, loaded once from settings-store and written back on every change.
 * The password goes to storage.session only when the patch contains it.
 */
export function useOptionsStore() {
  const [state, setState] = useState<OptionsState | null>(null);
  const ref = useRef<OptionsState | null>(null);
  ref.current = state;

  const reload = useCallback(async () => {
    const [local, draft, outcomes] = await Promise.all([loadLocal(), loadDraft(), loadOutcomes()]);
    setState({ draft, wizard: local.wizard ?? {}, prefs: local.prefs ?? {}, outcomes });
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Merges a patch into one part of the state, shows it, and hands the patch (and the merged part) to its store. */
  const patchPart = <K extends keyof OptionsState>(key: K, patch: Partial<OptionsState[K]>): OptionsState[K] | undefined => {
    const cur = ref.current;
    if (!cur) return undefined;
    const part = { ...cur[key], ...patch } as OptionsState[K];
    ref.current = { ...cur, [key]: part };
    setState(ref.current);
    return part;
  };

  const updateDraft = useCallback((patch: Partial<SettingsDraft>) => {
    const draft = patchPart('draft', patch);
    if (!draft) return;
    const { password, ...rest } = draft;
    void saveDraft('password' in patch ? { ...rest, password: password ?? '' } : rest);
  }, []);

  const updateWizard = useCallback((patch: WizardState) => {
    if (patchPart('wizard', patch)) void saveWizard(patch);
  }, []);

  const updatePrefs = useCallback(async (patch: Prefs) => {
    if (patchPart('prefs', patch)) await savePrefs(patch);
  }, []);

  const recordOutcome = useCallback((patch: LastOutcomes) => {
    if (patchPart('outcomes', patch)) void saveOutcome(patch);
  }, []);

  return { state, updateDraft, updateWizard, updatePrefs, reload, recordOutcome };
}
