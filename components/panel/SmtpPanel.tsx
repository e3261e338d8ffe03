import { useState } from 'preact/hooks';
import type { Lang } from '@/lib/i18n';
import type { FillDraft, PanelData, ShownFinding } from '@/lib/messages';
import { FindingItems } from './FindingItems';
import { PanelFrame } from './PanelFrame';
import { encryptionLabel, panelT } from './report';

export type Status = { kind: 'ok' | 'error' | 'info'; text: string };
export type ProbeView = { state: 'ok' | 'fail'; findings: ShownFinding[]; summary: string } | { state: 'down' } | { state: 'incomplete' };

export interface SmtpPanelProps {
  lang: Lang;
  /** Findings on the form's current values (updated as the admin types). */
  findings: ShownFinding[];
  /** Presets and what "Invullen" would put in for each ('' = the wizard's saved settings); never the password. */
  data: PanelData;
  /** Called only for a trusted (real) click; resolves with what to tell the admin. */
  onFill: (presetId: string) => Promise<Status>;
  onProbe: () => Promise<ProbeView>;
  report: (probeSummary?: string) => Promise<string>;
}

/** The panel beside the CRM's SMTP form: findings, presets, Invullen / Controleren / Rapport kopiëren. */
export function SmtpPanel(p: SmtpPanelProps) {
  const t = panelT(p.lang);
  const [presetId, setPresetId] = useState('');
  const [status, setStatus] = useState<Status>();
  const [probe, setProbe] = useState<ProbeView | 'running'>();
  const [reportText, setReportText] = useState<string>();
  const [busy, setBusy] = useState(false);
  const preview = presetId ? p.data.presets.find((x) => x.id === presetId)?.fill : p.data.saved;
  const featured = p.data.presets.filter((x) => x.featured);
  const others = p.data.presets.filter((x) => !x.featured);

  const describe = (d: FillDraft) => {
    const parts = [d.host, d.port, encryptionLabel(d.encryption), d.authMethod && t(`auth.${d.authMethod}`)];
    if (d.authMethod !== 'ip-whitelist' && d.username) parts.push(d.username);
    return parts.filter(Boolean).join(' · ');
  };

  // Page scripts can reach this open shadow root and call .click(); such clicks are not trusted and do nothing.
  const fill = async (e: MouseEvent) => {
    if (!e.isTrusted || busy) return;
    setBusy(true);
    try {
      setStatus(await p.onFill(presetId));
    } finally {
      setBusy(false);
    }
  };
  const check = async (e: MouseEvent) => {
    if (!e.isTrusted) return;
    setProbe('running');
    setProbe(await p.onProbe());
  };
  const copy = async (e: MouseEvent) => {
    if (!e.isTrusted) return;
    const text = await p.report(probe && probe !== 'running' && (probe.state === 'ok' || probe.state === 'fail') ? probe.summary : undefined);
    setReportText(text);
    try {
      await navigator.clipboard.writeText(text);
      setStatus({ kind: 'ok', text: t('copied') });
    } catch {
      setStatus({ kind: 'error', text: t('copyFailed') });
    }
  };

  return (
    <PanelFrame lang={p.lang} subtitle={t('findingsHeading')}>
      <FindingItems lang={p.lang} findings={p.findings} emptyText={t('noFindings')} />
      <div>
        <h3>{t('presetsHeading')}</h3>
        <div class="presets">
          <button type="button" class="chip" aria-pressed={presetId === ''} onClick={(e) => e.isTrusted && setPresetId('')}>
            {t('presetSaved')}
          </button>
          {featured.map((x) => (
            <button type="button" class="chip" key={x.id} data-preset={x.id} aria-pressed={presetId === x.id} onClick={(e) => e.isTrusted && setPresetId(x.id)}>
              {x.name}
            </button>
          ))}
          {others.length > 0 && (
            <select aria-label={t('presetsHeading')} value={others.some((x) => x.id === presetId) ? presetId : ''} onChange={(e) => setPresetId((e.target as HTMLSelectElement).value)}>
              <option value="">…</option>
              {others.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </div>
      </div>
      <p class="preview" data-preview>
        {preview ? t('fillPreview', { what: describe(preview) }) : t('fillNothing')}
        {preview && preview.authMethod !== 'ip-whitelist' && (
          <>
            {' '}
            {!preview.username && t('fillUsernameMissing')} {p.data.hasPassword ? t('fillPasswordSaved') : t('fillPasswordMissing')}
          </>
        )}
      </p>
      <div class="actions">
        <button type="button" class="primary" data-action="fill" disabled={!preview || busy} onClick={fill}>
          {t('fill')}
        </button>
        <button type="button" class="secondary" data-action="check" disabled={probe === 'running'} onClick={check}>
          {t('check')}
        </button>
        <button type="button" class="secondary" data-action="copy-report" onClick={copy}>
          {t('copyReport')}
        </button>
      </div>
      {status && (
        <p class={`status ${status.kind}`} role="status" data-status={status.kind}>
          {status.text}
        </p>
      )}
      {probe && <ProbeResult lang={p.lang} probe={probe} />}
      {reportText && (
        <details open={status?.kind === 'error'}>
          <summary>{t('reportShow')}</summary>
          <pre data-report>{reportText}</pre>
        </details>
      )}
    </PanelFrame>
  );
}

function ProbeResult({ lang, probe }: { lang: Lang; probe: ProbeView | 'running' }) {
  const t = panelT(lang);
  if (probe === 'running') return <p class="status" data-probe="running">{t('probeRunning')}</p>;
  if (probe.state === 'down') return <p class="status error" data-probe="down">{t('backendDown')}</p>;
  if (probe.state === 'incomplete') return <p class="status error" data-probe="incomplete">{t('probeIncomplete')}</p>;
  return (
    <div data-probe={probe.state}>
      <p class={`status ${probe.state === 'ok' ? 'ok' : 'error'}`}>{probe.state === 'ok' ? t('probeOk') : t('probeFail')}</p>
      <FindingItems lang={lang} findings={probe.findings} />
    </div>
  );
}
