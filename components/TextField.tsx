import type { Finding } from '@/lib/findings';
import type { SettingsDraft } from '@/lib/settings';
import { FindingList } from './FindingList';

export interface TextFieldProps {
  /** Also the base of the help and findings ids the input is described by. */
  id: string;
  label: string;
  help: string;
  value: string;
  findings: Finding[];
  onInput: (value: string) => void;
  onFix: (fix: Partial<SettingsDraft>) => void;
  onBlur?: () => void;
  class?: string;
  inputMode?: 'numeric';
}

/** A labelled text input of the CRM form with its help line and its live findings (each with data-finding). */
export function TextField(p: TextFieldProps) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        class={p.class}
        type="text"
        inputMode={p.inputMode}
        autocomplete="off"
        spellcheck={false}
        value={p.value}
        aria-describedby={`${p.id}-help ${p.id}-findings`}
        onInput={(e) => p.onInput(e.currentTarget.value)}
        onBlur={p.onBlur}
      />
      <p id={`${p.id}-help`} class="help">
        {p.help}
      </p>
      <FindingList id={`${p.id}-findings`} findings={p.findings} onFix={p.onFix} />
    </div>
  );
}
