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

  const updateDraft = useCallback((patch: Partial<SettingsDraft>) => {
    const cur = ref.current;
    if (!cur) return;
    const draft = { ...cur.draft, ...patch };
    ref.current = { ...cur, draft };
    setState(ref.current);
    const { password, ...rest } = draft;
    void saveDraft('password' in patch ? { ...rest, password: password ?? '' } : rest);
  }, []);

  const updateWizard = useCallback((patch: WizardState) => {
    const cur = ref.current;
    if (!cur) return;
    ref.current = { ...cur, wizard: { ...cur.wizard, ...patch } };
    setState(ref.current);
    void saveWizard(patch);
  }, []);

  const updatePrefs = useCallback(async (patch: Prefs) => {
    const cur = ref.current;
    if (!cur) return;
    ref.current = { ...cur, prefs: { ...cur.prefs, ...patch } };
    setState(ref.current);
    await savePrefs(patch);
  }, []);

  const recordOutcome = useCallback((patch: LastOutcomes) => {
    const cur = ref.current;
    if (!cur) return;
    ref.current = { ...cur, outcomes: { ...cur.outcomes, ...patch } };
    setState(ref.current);
    void saveOutcome(patch);
  }, []);

  return { state, updateDraft, updateWizard, updatePrefs, reload, recordOutcome };
}
