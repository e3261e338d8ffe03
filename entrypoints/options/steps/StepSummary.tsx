import { useRef, useState } from 'preact/hooks';
import { DEFAULT_CRM_RANGE } from '@/lib/prefs';
import { sortFindings } from '@/lib/findings';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useLang, useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { CopyButton } from '@/components/CopyButton';
import { loadLocal, replaceLocal, saveDraft } from '@/services/settings-store';
import { DEFAULT_BACKEND_URL, type LocalState } from '@/lib/prefs';
import { summaryRows, summaryText } from '../summary-text';
import { exportJson, parseImport } from '../transfer';
import type { StepProps } from '../step-props';
import { anythingOpen, statusLines } from '../summary-status';

/** Samenvatting: the settings exactly as they go into the CRM, copy as text, export and import. */
export function StepSummary({ state, findings, updateDraft, reload }: StepProps) {
  const t = useT(wizardMessages);
  const lang = useLang();
  const range = state.prefs.crmRange || DEFAULT_CRM_RANGE;
  const rows = summaryRows(state.draft, lang, range);
  const open = sortFindings(findings.filter((f) => f.severity !== 'info'));
  const status = statusLines(state, findings, lang);
  const notReady = anythingOpen(state, findings);
  const [importStatus, setImportStatus] = useState<{ ok: boolean; text: string } | null>(null);
  /** An import that would change the backend URL waits for the admin to confirm that URL. */
  const [pendingImport, setPendingImport] = useState<{ state: LocalState; from: string; to: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const doExport = async () => {
    const json = exportJson(await loadLocal());
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'mailserver-assistent.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const doImport = async (file: File | undefined) => {
    if (!file) return;
    const r = file.size > 64 * 1024 ? ({ ok: false, problem: 'too-big', detail: '' } as const) : parseImport(await file.text());
    if (fileInput.current) fileInput.current.value = '';
    if (!r.ok) {
      const keys = { json: 'S.importBadJson', 'too-big': 'S.importTooBig', shape: 'S.importBadShape', secret: 'S.importSecret', 'backend-url': 'S.importBackendUrl' } as const;
      setImportStatus({ ok: false, text: t(keys[r.problem], { detail: r.detail }) });
      setPendingImport(null);
      return;
    }
    const from = state.prefs.backendUrl ?? DEFAULT_BACKEND_URL;
    const to = r.state.prefs?.backendUrl ?? DEFAULT_BACKEND_URL;
    if (to !== from) {
      // A changed backend URL is shown and confirmed before it is used: the password goes there on "Test nu".
      setPendingImport({ state: r.state, from, to });
      setImportStatus(null);
      return;
    }
    await applyImport(r.state);
  };

  const applyImport = async (next: LocalState) => {
    setPendingImport(null);
    const cur = state.draft;
    const s = next.settings ?? {};
    // Another server or account: the password typed for the old one must not be sent to the new one.
    const cleared = (s.host ?? '') !== (cur.host ?? '') || (s.username ?? '') !== (cur.username ?? '');
    await replaceLocal(next);
    if (cleared && cur.password) await saveDraft({ ...s, password: '' });
    await reload();
    setImportStatus({ ok: true, text: cleared && cur.password ? `${t('S.importOk')} ${t('S.importPasswordCleared')}` : t('S.importOk') });
  };

  return (
    <div>
      <p data-testid="summary-lead" data-ready={notReady ? 'no' : 'yes'}>
        {notReady ? t('S.leadOpen') : t('S.lead')}
      </p>
      <section aria-labelledby="s-status">
        <h3 id="s-status">{t('S.statusHeading')}</h3>
        <ul class="status-lines" data-testid="summary-status">
          {status.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <table class="summary">
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td class={r.empty ? 'muted' : ''}>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <CopyButton text={summaryText(state.draft, state.wizard, lang, range, status)} label={t('S.copyText')} doneMessage={t('S.copyDone')} />
      </div>

      <section aria-labelledby="s-findings">
        <h3 id="s-findings">{t('S.findings')}</h3>
        {open.length === 0 ? <p>{t('S.noFindings')}</p> : <FindingList findings={open} onFix={updateDraft} />}
      </section>

      <section aria-labelledby="s-transfer">
        <h3 id="s-transfer">{t('S.exportHeading')}</h3>
        <p>{t('S.exportLead')}</p>
        <div class="row">
          <button type="button" class="secondary" onClick={doExport}>
            {t('S.export')}
          </button>
          <label class="button secondary file-button">
            {t('S.import')}
            <input ref={fileInput} type="file" accept="application/json,.json" class="visually-hidden" onChange={(e) => doImport(e.currentTarget.files?.[0])} />
          </label>
        </div>
        {pendingImport && (
          <div class="note" data-testid="import-confirm" role="alertdialog" aria-labelledby="s-import-confirm">
            <p id="s-import-confirm">{t('S.importConfirmUrl', { from: pendingImport.from, to: pendingImport.to })}</p>
            <div class="row">
              <button type="button" class="primary" onClick={() => void applyImport(pendingImport.state)}>
                {t('S.importUseUrl')}
              </button>
              <button
                type="button"
                class="secondary"
                onClick={() => void applyImport({ ...pendingImport.state, prefs: { ...pendingImport.state.prefs, backendUrl: state.prefs.backendUrl } })}
              >
                {t('S.importKeepUrl')}
              </button>
            </div>
          </div>
        )}
        <p role="status" class={importStatus ? (importStatus.ok ? 'finding finding-info' : 'finding finding-error') : 'status'} data-testid="import-status">
          {importStatus?.text}
        </p>
      </section>
    </div>
  );
}
