import { useState } from 'preact/hooks';
import { commonMessages } from '@/lib/i18n/common';
import { useT } from './lang';

export interface CopyButtonProps {
  text: string;
  label?: string;
  /** Said after a successful copy instead of the generic "Gekopieerd". */
  doneMessage?: string;
  clipboard?: Pick<Clipboard, 'writeText'>;
}

/** Copies text to the clipboard and says so in a polite live region. */
export function CopyButton({ text, label, doneMessage, clipboard = globalThis.navigator?.clipboard }: CopyButtonProps) {
  const t = useT(commonMessages);
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await clipboard.writeText(text);
      setStatus(doneMessage ?? t('copied'));
    } catch {
      setStatus(t('copyFailed'));
    }
  };
  return (
    <span class="copy">
      <button type="button" class="secondary" onClick={copy}>
        {label ?? t('copy')}
      </button>
      <span class="status" role="status">
        {status}
      </span>
    </span>
  );
}
