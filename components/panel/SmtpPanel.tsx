import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '@/lib/i18n';
import type { ProbeStep } from '@/lib/api';
import type { FillDraft, FixDraft, PanelData, ProbePasswordSource, ShownFinding, ShownProbeReport } from '@/lib/messages';
import { FindingItems } from './FindingItems';
import { PanelFrame } from './PanelFrame';
import { encryptionLabel, panelT, probeSummary } from './report';
import { isLoopbackUrl } from '@/lib/prefs';

export type Status = { kind: 'ok' | 'error' | 'info'; text: string };
export type ProbeView =
  | { state: 'done'; report: ShownProbeReport; password: ProbePasswordSource; current?: string }
  /** The backend is not running at `url`. */
  | { state: 'down'; url: string }
  /** The backend refused the request or answered nonsense: its message, and findings when it gave some. */
  | { state: 'error'; text: string; findings: ShownFinding[] }
  | { state: 'incomplete' };

export interface SmtpPanelProps {
  lang: Lang;
  /** Findings on the form's current values (updated as the admin types). */
  findings: ShownFinding[];
  /** Presets and what "Invullen" would put in for each ('' = the wizard's saved settings); never the password. */
  data: PanelData;
  /** Called only for a trusted (real) click; resolves with what to tell the admin. */
  onFill: (presetId: string) => Promise<Status>;
  /** Runs the server test; `onStep` gets each step as the backend completes it. */
  onProbe: (onStep: (step: ProbeStep) => void) => Promise<ProbeView>;
  /** Applies a one-click fix to the form (never a password); called only for a trusted click. */
  onFix: (fix: FixDraft) => Status;
  report: (probeSummary?: string) => Promise<string>;
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
    if (!e.isTrusted || probe === 'running') return;
    setProbe('running');
    setLive([]);
    setStatus(undefined);
    setProbe(await p.onProbe((step) => setLive((l) => [...l, step])));
  };
  const fix = (f: FixDraft) => setStatus(p.onFix(f));
  const copy = async (e: MouseEvent) => {
    if (!e.isTrusted) return;
    const text = await p.report(probe && probe !== 'running' && probe.state === 'done' ? probeSummary(probe.report) : undefined);
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
      <FindingItems lang={p.lang} findings={p.findings} emptyText={t('noFindings')} onFix={fix} />
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
      {probe && <ProbeResult lang={p.lang} probe={probe} live={live} onFix={fix} shown={p.findings} />}
      {reportText && (
        <details open={status?.kind === 'error'}>
          <summary>{t('reportShow')}</summary>
          <pre data-report>{reportText}</pre>
        </details>
      )}
    </PanelFrame>
  );
}

const PLANNED = ['resolve', 'connect', 'greeting', 'ehlo', 'tls', 'auth', 'quit'] as const;
const ICON = { ok: '✓', fail: '✗', warn: '!', skipped: '–' } as const;

/** One step of the report: icon, name, what went wrong (code, the server's reply), milliseconds. */
function StepRow({ lang, s }: { lang: Lang; s: ProbeStep }) {
  const t = panelT(lang);
  return (
    <li class={`s-${s.status}`} data-step={s.step} data-step-status={s.status}>
      <span class="i" aria-hidden="true">{ICON[s.status]}</span>
      <span>{t(`step.${s.step}`)}</span>
      <span class="msg">{s.status === 'ok' ? '' : [t(`stepStatus.${s.status}`), s.code, s.reply].filter(Boolean).join(' · ')}</span>
      <span class="ms">{s.ms} ms</span>
    </li>
  );
}

/** While the backend tests: the time so far, each step as it completes, a spinner on the one under way, the rest to come. */
function ProbeProgress({ lang, live }: { lang: Lang; live: readonly ProbeStep[] }) {
  const t = panelT(lang);
  const [ms, setMs] = useState(0);
  useEffect(() => {
    const start = Date.now();
    const timer = setInterval(() => setMs(Date.now() - start), 100);
    return () => clearInterval(timer);
  }, []);
  const seen = new Set(live.map((s) => s.step));
  const toCome = PLANNED.filter((s) => !seen.has(s));
  return (
    <div class="probe" data-probe="running">
      <p class="status" role="status">{t('probeRunning', { s: (ms / 1000).toFixed(1) })}</p>
      <ol class="steps" aria-label={t('stepsHeading')} aria-busy="true">
        {live.map((s, i) => (
          <StepRow key={i} lang={lang} s={s} />
        ))}
        {toCome.map((s, i) => (
          <li key={s} class={i === 0 ? 's-pending s-current' : 's-pending'} data-step={s} data-step-status={i === 0 ? 'running' : 'pending'}>
            <span class="i" aria-hidden="true">{i === 0 ? <span class="spin" /> : '…'}</span>
            <span>{t(`step.${s}`)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ProbeResult({ lang, probe, live, onFix, shown }: { lang: Lang; probe: ProbeView | 'running'; live: readonly ProbeStep[]; onFix: (f: FixDraft) => unknown; shown: readonly ShownFinding[] }) {
  const t = panelT(lang);
  if (probe === 'running') return <ProbeProgress lang={lang} live={live} />;
  if (probe.state === 'down') return <p class="status error" data-probe="down" role="alert">{t(isLoopbackUrl(probe.url) ? 'backendDown' : 'backendDownRemote', { url: probe.url })}</p>;
  if (probe.state === 'incomplete') return <p class="status error" data-probe="incomplete">{t('probeIncomplete')}</p>;
  if (probe.state === 'error')
    return (
      <div class="probe" data-probe="error">
        <p class="status error" role="alert">{probe.text}</p>
        <FindingItems lang={lang} findings={probe.findings} onFix={onFix} />
      </div>
    );
  const r = probe.report;
  // The report repeats the form's own findings (the backend checks the request too): show only what the test adds.
  const findings = r.findings.filter((f) => !shown.some((s) => s.code === f.code && s.text === f.text));
  const rec = r.detected.recommendedEncryption !== probe.current ? r.detected.recommendedEncryption : undefined;
  // The diagnosis recommends an encryption no finding offers to set: offer it here.
  const recFix = rec && !findings.some((f) => f.fix?.encryption === rec);
  return (
    <div class="probe" data-probe={r.ok ? 'ok' : 'fail'} data-verdict={r.ok ? 'ok' : 'fail'}>
      <p class={`status ${r.ok ? 'ok' : 'error'}`} role="status">
        {r.ok ? t('probeOk') : t('probeFail')}
      </p>
      <ol class="steps" aria-label={t('stepsHeading')}>
        {r.steps.map((s, i) => (
          <StepRow key={i} lang={lang} s={s} />
        ))}
      </ol>
      {r.detected.portMode !== 'unknown' && (
        <p class="detected" data-detected={r.detected.portMode}>
          {t('probe.detected', { port: r.target.port, mode: t(`portMode.${r.detected.portMode}`) })}
          {rec && ` ${t('probe.recommend', { label: encryptionLabel(rec)! })}`}{' '}
          {recFix && (
            <button type="button" class="fix" data-fix="recommended" onClick={(e) => e.isTrusted && onFix({ encryption: rec })}>
              {encryptionLabel(rec)}
            </button>
          )}
        </p>
      )}
      <FindingItems lang={lang} findings={findings} onFix={onFix} />
      {probe.password !== 'none' && <p class="preview">{t(`password.${probe.password}`)}</p>}
    </div>
  );
}
