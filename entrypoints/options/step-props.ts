import type { Finding } from '@/lib/findings';
import type { Prefs, WizardState } from '@/lib/prefs';
import type { SettingsDraft } from '@/lib/settings';
import type { OptionsState } from './use-store';
import type { LastOutcomes } from '@/services/settings-store';

/** What every wizard step receives from the App. */
export interface StepProps {
  state: OptionsState;
  findings: Finding[];
  updateDraft: (patch: Partial<SettingsDraft>) => void;
  updateWizard: (patch: WizardState) => void;
  updatePrefs: (patch: Prefs) => Promise<void>;
  reload: () => Promise<void>;
  /** Keeps the last test's / validation mail's result (storage.local, never a secret). */
  recordOutcome: (patch: LastOutcomes) => void;
  go: (view: 'A' | 'B' | 'C' | 'D' | 'E' | 'summary' | 'settings') => void;
}
