import { useState } from 'preact/hooks';
import type { Lang } from '@/lib/i18n';
import type { ProbeStep } from '@/lib/api';
import type { PanelData } from '@/messaging/messages';
import type { FillDraft, FormValues } from '@/lib/drafts';
import type { ShownFinding } from '@/lib/shown';
import { probeSummary } from '@/lib/report/text-report';
import { FindingItems } from './FindingItems';
import { PanelFrame } from './PanelFrame';
import { ProbeProgress, ProbeResult, type ProbeView } from './ProbeResult';
import { authLabel, encryptionLabel, panelT } from './panel-texts';
import { realUse } from './guard';

export type { ProbeView } from './ProbeResult';
export type Status = { kind: 'ok' | 'error' | 'info'; text: string };

export interface SmtpPanelProps {
  lang: Lang;
  /** Findings on the form's current values (updated as the admin types). */
  findings: ShownFinding[];
  /** Presets and what "Invullen" would put in for each ('' = the wizard's saved settings); never the password. */
  data: PanelData;
  /** Whether the form was changed since the page loaded; before that the panel stays calm. */
  touched: boolean;
  /** Form fields still empty ('host', 'port', …). */
  empty: string[];
  /** Called only for a real click; resolves with what to tell the admin. */
  onFill: (presetId: string) => Promise<Status>;
  /** Runs the server test; `onStep` gets each step; `consent` answers the question about the form's password. */
  onProbe: (onStep: (step: ProbeStep) => void, consent?: boolean) => Promise<ProbeView>;
  /** Applies a one-click fix to the form (never a password); called only for a real click. */
  onFix: (fix: FormValues) => Status;
  report: (probeSummary?: string) => Promise<string>;
  /** What the test of the form as it is now will go through: its encryption and whether it logs in. */
  plan: () => { encryption?: string; withAuth: boolean };
}

/** The panel beside the CRM's SMTP form: findings, presets, Invullen / Controleren / Rapport kopiëren. */
export function SmtpPanel(p: SmtpPanelProps) {
  const t = panelT(p.lang);
  const [presetId, setPresetId] = useState('');
  const [status, setStatus] = useState<Status>();
  const [probe, setProbe] = useState<ProbeView | 'running'>();
  const [live, setLive] = useState<ProbeStep[]>([]);
  const [reportText, setReportText] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [plan, setPlan] = useState<{ encryption?: string; withAuth: boolean }>({ withAuth: false });
  const preset = presetId ? p.data.presets.find((x) => x.id === presetId) : undefined;
  const preview = preset ? preset.fill : p.data.saved;
  const errors = (preset ? preset.errors : p.data.savedErrors) ?? [];
  const withPassword = preset ? preset.withPassword : p.data.savedWithPassword;
  const featured = p.data.presets.filter((x) => x.featured);
  const others = p.data.presets.filter((x) => !x.featured);
  const calm = !p.touched && p.empty.length > 0 && p.findings.length > 0;

  const describe = (d: FillDraft) => {
    const parts = [d.host, d.port, encryptionLabel(d.encryption), authLabel(d.authMethod)];
    if (d.authMethod !== 'ip-whitelist' && d.username) parts.push(d.username);
    return parts.filter(Boolean).join(' · ');
  };
  const choose = (id: string) => {
    setPresetId(id);
    setConfirming(false);
  };

  // Page scripts can reach this open shadow root and call .click(); such clicks, and real clicks on a
  // hidden or covered panel, do nothing (guard.ts).
  const fill = async (e: Event, anyway = false) => {
    if (!realUse(e) || busy) return;
    if (errors.length && !anyway) {
      setConfirming(true);
      setStatus({ kind: 'error', text: t('fillWrongConfirm', { what: errors.map((f) => f.text).join(' ') }) });
      return;
    }
    setBusy(true);
    setConfirming(false);
    try {
      setStatus(await p.onFill(presetId));
    } finally {
      setBusy(false);
    }
  };
  const runProbe = async (consent?: boolean) => {
    setPlan(p.plan());
    setProbe('running');
    setLive([]);
    setStatus(undefined);
    setProbe(await p.onProbe((step) => setLive((l) => [...l, step]), consent));
  };
  const check = (e: Event) => {
    if (realUse(e) && probe !== 'running') void runProbe();
  };
  const fix = (f: FormValues) => setStatus(p.onFix(f));
  const copy = async (e: Event) => {
    if (!realUse(e)) return;
    const text = await p.report(probe && probe !== 'running' && probe.state === 'done' ? probeSummary(probe.report) : undefined);
    setReportText(text);
    try {
      await navigator.clipboard.writeText(text);
      setStatus({ kind: 'ok', text: t('copied') });
    } catch {
      setStatus({ kind: 'error', text: t('copyFailed') });
    }
  };
  const values = preview ?? {};

  return (
    <PanelFrame lang={p.lang} subtitle={t('findingsHeading')}>
      {calm ? (
        <div data-calm>
          <p class="preview" data-empty={p.empty.join(' ')}>
            {t('emptySummary', { fields: p.empty.map((f) => t(`field.${f}` as 'field.host')).join(', ') })}
          </p>
          <details>
            <summary>{t('findingsMore', { n: p.findings.length })}</summary>
            <FindingItems lang={p.lang} findings={p.findings} onFix={fix} />
          </details>
        </div>
      ) : (
        <FindingItems lang={p.lang} findings={p.findings} emptyText={t('noFindings')} onFix={fix} />
      )}
      <div>
        <h3>{t('presetsHeading')}</h3>
        <div class="presets">
          <button type="button" class="chip" aria-pressed={presetId === ''} onClick={(e) => realUse(e) && choose('')}>
            {t('presetSaved')}
          </button>
          {featured.map((x) => (
            <button type="button" class="chip" key={x.id} data-preset={x.id} aria-pressed={presetId === x.id} onClick={(e) => realUse(e) && choose(x.id)}>
              {x.name}
            </button>
          ))}
          {others.length > 0 && (
            <select
              aria-label={t('presetsHeading')}
              value={others.some((x) => x.id === presetId) ? presetId : ''}
              onChange={(e) => (realUse(e) ? choose((e.target as HTMLSelectElement).value) : ((e.target as HTMLSelectElement).value = others.some((x) => x.id === presetId) ? presetId : ''))}
            >
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
        {preview && values.authMethod !== 'ip-whitelist' && (
          <>
            {' '}
            {!values.username && t('fillUsernameMissing')} {withPassword ? t('fillPasswordSaved') : p.data.hasPassword ? t('fillPasswordRule') : t('fillPasswordMissing')}
          </>
        )}
      </p>
      <div class="actions">
        {confirming ? (
          <button type="button" class="primary" data-action="fill-anyway" disabled={busy} onClick={(e) => fill(e, true)}>
            {t('fillAnyway')}
          </button>
        ) : (
          <button type="button" class="primary" data-action="fill" disabled={!preview || busy} onClick={(e) => fill(e)}>
            {t('fill')}
          </button>
        )}
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
      {probe === 'running' && <ProbeProgress lang={p.lang} live={live} {...plan} />}
      {probe && probe !== 'running' && <ProbeResult lang={p.lang} probe={probe} onFix={fix} shown={p.findings} onConsent={(yes) => void runProbe(yes)} />}
      {reportText && (
        <details open={status?.kind === 'error'}>
          <summary>{t('reportShow')}</summary>
          <pre data-report>{reportText}</pre>
        </details>
      )}
    </PanelFrame>
  );
}
