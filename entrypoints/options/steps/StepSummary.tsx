import { useRef, useState } from 'preact/hooks';
import { DEFAULT_CRM_RANGE } from '@/lib/prefs';
import { sortFindings } from '@/lib/findings';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useLang, useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { CopyButton } from '@/components/CopyButton';
import { loadLocal, replaceLocal } from '@/services/settings-store';
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
      const key = r.problem === 'json' ? 'S.importBadJson' : r.problem === 'too-big' ? 'S.importTooBig' : 'S.importBadShape';
      setImportStatus({ ok: false, text: t(key, { detail: r.detail }) });
      return;
    }
    await replaceLocal(r.state);
    await reload();
    setImportStatus({ ok: true, text: t('S.importOk') });
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
        <p role="status" class={importStatus ? (importStatus.ok ? 'finding finding-info' : 'finding finding-error') : 'status'} data-testid="import-status">
          {importStatus?.text}
        </p>
      </section>
    </div>
  );
}
