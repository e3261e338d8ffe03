import { useEffect, useRef, useState } from 'preact/hooks';
import { reportMessages } from '@/lib/i18n/report';
import { DEFAULT_BACKEND_URL } from '@/lib/prefs';
import { parseReport, MAX_REPORT_CHARS, type ParseResult } from '@/lib/report/parse-report';
import { useT } from '@/components/lang';
import { useBackendClient } from '../backend';
import type { StepProps } from '../step-props';
import { problemText } from './problem-text';
import { OpenedReport } from './OpenedReport';
import { SubmitForm } from '@/components/SubmitForm';
import './report.css';

// "Rapport openen" (issue 16): a support rep pastes what a customer sent and sees the customer's picture,
// today's rules on the same values, a re-check from this side, and an answer to send back.
// Privacy: the report lives in this component's state only; nothing is stored. The only requests are the
// rep's "Opnieuw controleren" to the configured backend. Nothing from the report is ever applied.

/** The options page's "Rapport openen" section. */
export function ReportView({ state }: StepProps) {
  const t = useT(reportMessages);
  const backendUrl = state.prefs.backendUrl ?? DEFAULT_BACKEND_URL;
  const client = useBackendClient(backendUrl);
  const [text, setText] = useState('');
  const [result, setResult] = useState<ParseResult>();
  const [fileNote, setFileNote] = useState('');
  const [dragging, setDragging] = useState(false);
  const [opened, setOpened] = useState(0);

  const open = (s: string) => {
    setResult(parseReport(s));
    setOpened((n) => n + 1);
  };
  // Dropping a file: plain listeners (the drag events' names are the same in every DOM).
  const area = useRef<HTMLTextAreaElement>(null);
  const readRef = useRef<(f: File) => void>(() => undefined);
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const over = (e: DragEvent) => {
      if (Array.from(e.dataTransfer?.types ?? []).includes('Files')) {
        e.preventDefault();
        setDragging(true);
      }
    };
    const leave = () => setDragging(false);
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files?.[0];
      setDragging(false);
      if (file) {
        e.preventDefault();
        readRef.current(file);
      }
    };
    el.addEventListener('dragover', over);
    el.addEventListener('dragleave', leave);
    el.addEventListener('drop', drop);
    return () => {
      el.removeEventListener('dragover', over);
      el.removeEventListener('dragleave', leave);
      el.removeEventListener('drop', drop);
    };
  }, []);
  readRef.current = (f) => void readFile(f);
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setFileNote('');
    if (file.size > MAX_REPORT_CHARS) {
      setResult(undefined);
      setFileNote(t('fileTooLarge', { name: file.name, size: Math.round(file.size / 1024) }));
      return;
    }
    try {
      const s = await file.text();
      setText(s);
      open(s);
    } catch {
      setResult(undefined);
      setFileNote(t('fileUnreadable', { name: file.name }));
    }
  };

  return (
    <div class="report-open" data-testid="report-open">
      <p class="lead">{t('lead')}</p>
      <SubmitForm onSubmit={() => open(text)}>
        <div class={`field drop${dragging ? ' drop-active' : ''}`}>
          <label for="report-text">{t('pasteLabel')}</label>
          <textarea
            id="report-text"
            rows={8}
            spellcheck={false}
            autocomplete="off"
            value={text}
            aria-describedby="report-help"
            placeholder={t('dropHint')}
            onInput={(e) => setText(e.currentTarget.value)}
            ref={area}
          />
          <p id="report-help" class="help">
            {t('pasteHelp')}
          </p>
        </div>
        <div class="row">
          <button type="submit" class="primary">
            {t('open')}
          </button>
          <label class="button secondary file-button">
            {t('chooseFile')}
            <input
              type="file"
              class="visually-hidden"
              accept=".txt,.eml,.msg,text/plain,message/rfc822"
              onChange={(e) => {
                void readFile(e.currentTarget.files?.[0]);
                e.currentTarget.value = '';
              }}
            />
          </label>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setText('');
              setResult(undefined);
              setFileNote('');
            }}
          >
            {t('clear')}
          </button>
        </div>
      </SubmitForm>
      <div aria-live="polite">
        {fileNote && (
          <p class="finding finding-error" data-testid="report-problem" data-problem="file">
            {fileNote}
          </p>
        )}
        {result && !result.ok && (
          <p class="finding finding-error" data-testid="report-problem" data-problem={result.problem.kind}>
            {problemText(result.problem, t)}
          </p>
        )}
      </div>
      {result?.ok && <OpenedReport key={opened} report={result.report} blocks={result.blocks} client={client} backendUrl={backendUrl} />}
    </div>
  );
}
