import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DiscoverResult, ProbeReport, ProbeRequest, ProbeStep } from '@/lib/api';
import { AUTH_LABELS, ENCRYPTION_LABELS } from '@/lib/crm-labels';
import { checkHost } from '@/lib/host';
import { findingText, type Lang } from '@/lib/i18n';
import { panelMessages } from '@/lib/i18n/panel';
import { reportMessages } from '@/lib/i18n/report';
import { commonMessages } from '@/lib/i18n/common';
import { DEFAULT_BACKEND_URL } from '@/lib/prefs';
import { parsePort } from '@/lib/port';
import { ENCRYPTIONS, type Encryption } from '@/lib/settings';
import type { Finding } from '@/lib/findings';
import { parseReport, MAX_REPORT_CHARS, type ParseResult, type ReportProblem, type SupportReport } from '@/lib/report/parse-report';
import { compareFindings, differences, todayFindings, type FindingRow } from '@/lib/report/compare';
import { outsideChecks, guessDomain } from '@/lib/report/outside';
import { buildAnswer } from '@/lib/report/answer';
import { useLang, useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { CopyButton } from '@/components/CopyButton';
import { useBackendClient, type BackendClient } from '../backend';
import type { StepProps } from '../step-props';
import './report.css';

// "Rapport openen" (issue 16): a support rep pastes what a customer sent and sees the customer's picture,
// today's rules on the same values, a re-check from this side, and an answer to send back.
// Privacy: the report lives in this component's state only; nothing is stored. The only requests are the
// rep's "Opnieuw controleren" to the configured backend. Nothing from the report is ever applied.

type T = ReturnType<typeof useT<typeof reportMessages>>;

export function problemText(p: ReportProblem, t: T): string {
  switch (p.kind) {
    case 'truncated':
      return t(`problem.truncated.${p.missing}`, { chars: p.chars ?? 0 });
    case 'damaged':
      return t(`problem.damaged.${p.reason}`);
    case 'version':
      return t('problem.version', { version: p.version });
    case 'invalid':
      return t('problem.invalid', { field: p.field });
    case 'not-allowed':
      return t('problem.not-allowed', { fields: p.fields.map((f) => `"${f}"`).join(', ') });
    default:
      return t(`problem.${p.kind}`);
  }
}

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
      <form
        onSubmit={(e) => {
          e.preventDefault();
          open(text);
        }}
      >
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
      </form>
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

type Recheck =
  | { phase: 'idle' }
  | { phase: 'running'; steps: ProbeStep[] }
  | { phase: 'done'; probe?: ProbeReport; discover?: DiscoverResult; probeError?: string; discoverError?: string; down?: boolean };

/** The probe request for the customer's host/port/encryption, without any password; or the fields that stop it. */
export function recheckRequest(report: SupportReport): { ok: true; req: ProbeRequest } | { ok: false; fields: ('host' | 'port' | 'encryption')[] } {
  const f = report.form;
  const host = typeof f.host === 'string' ? checkHost(f.host) : undefined;
  const port = parsePort(f.port);
  const encryption = (ENCRYPTIONS as readonly string[]).includes(f.encryption ?? '') ? (f.encryption as Encryption) : undefined;
  const bad = [!host?.ok && ('host' as const), port === undefined && ('port' as const), !encryption && ('encryption' as const)].filter((x) => x !== false);
  if (bad.length || !host?.ok || port === undefined || !encryption) return { ok: false, fields: bad };
  return {
    ok: true,
    req: {
      host: host.host,
      port,
      encryption,
      // Never a password: with IP whitelisting the test says what it proves from here; otherwise no login at all.
      ...(f.authMethod === 'ip-whitelist' ? { auth: { method: 'ip-whitelist' as const } } : {}),
      ...(f.mode === 'relay' || f.mode === 'mailbox' ? { mode: f.mode } : {}),
    },
  };
}

function OpenedReport({ report, blocks, client, backendUrl }: { report: SupportReport; blocks: number; client: BackendClient; backendUrl: string }) {
  const t = useT(reportMessages);
  const tp = useT(panelMessages);
  const tc = useT(commonMessages);
  const uiLang = useLang();
  const today = useMemo(() => todayFindings(report), [report]);
  const rows = useMemo(() => compareFindings(report.findings, today), [report, today]);
  const diffs = differences(rows);
  const [domain, setDomain] = useState(() => guessDomain(report.form));
  const [recheck, setRecheck] = useState<Recheck>({ phase: 'idle' });
  const [answerLang, setAnswerLang] = useState<Lang>(report.lang ?? uiLang);
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);
  const request = recheckRequest(report);
  const f = report.form;
  const show = (v: unknown) => (v === undefined ? t('value.missing') : String(v) === '' ? t('value.empty') : String(v));
  const label = (table: Record<string, string>, v: string | undefined) => (v && v in table ? table[v]! : v);

  const run = async () => {
    if (!request.ok) return;
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    setRecheck({ phase: 'running', steps: [] });
    const onStep = (s: ProbeStep) => !ctl.signal.aborted && setRecheck((r) => (r.phase === 'running' ? { ...r, steps: [...r.steps, s] } : r));
    const d = domain.trim();
    const [p, disc] = await Promise.all([client.probe(request.req, ctl.signal, onStep), d ? client.discover({ domain: d }) : Promise.resolve(undefined)]);
    if (ctl.signal.aborted) return;
    setRecheck({
      phase: 'done',
      ...(p.ok ? { probe: p.data } : { probeError: p.message }),
      ...(disc?.ok ? { discover: disc.data } : disc ? { discoverError: disc.message } : {}),
      down: (!p.ok && p.kind === 'unreachable') || (!!disc && !disc.ok && disc.kind === 'unreachable'),
    });
  };

  const done = recheck.phase === 'done' ? recheck : undefined;
  const answer = useMemo(
    () => buildAnswer({ form: f, today, probe: done?.probe, discover: done?.discover, lang: answerLang }),
    [report, today, done, answerLang],
  );
  const checks = done && (done.probe || done.discover) ? outsideChecks({ probe: done.probe, discover: done.discover, encryption: f.encryption, domain }, uiLang) : [];
  const failing = checks.filter((c) => c.state === 'fail' || c.state === 'warn');

  return (
    <div class="report-opened" data-testid="report-opened">
      <section aria-labelledby="r-customer">
        <h3 id="r-customer">{t('report.heading')}</h3>
        {blocks > 1 && <p class="note">{t('report.blocks', { count: blocks })}</p>}
        <p class="muted" data-testid="report-meta">
          {t('report.meta', { time: new Date(report.at).toLocaleString(uiLang === 'nl' ? 'nl-NL' : 'en-GB') })}
          {report.page && <span class="block">{t('report.page', { page: report.page })}</span>}
          {report.lang && <span class="block">{t('report.lang', { lang: t(`lang.${report.lang}`) })}</span>}
        </p>
        <h4>{t('valuesHeading')}</h4>
        <dl class="facts" data-testid="report-values">
          <dt>{tp('field.host')}</dt>
          <dd data-field="host">{show(f.host)}</dd>
          <dt>{tp('field.port')}</dt>
          <dd data-field="port">{show(f.port)}</dd>
          <dt>{tp('field.encryption')}</dt>
          <dd data-field="encryption">{show(label(ENCRYPTION_LABELS, f.encryption))}</dd>
          <dt>{tp('field.authMethod')}</dt>
          <dd data-field="authMethod">{show(label(AUTH_LABELS, f.authMethod))}</dd>
          {f.authMethod !== 'ip-whitelist' && (
            <>
              <dt>{tp('field.username')}</dt>
              <dd data-field="username">{show(f.username)}</dd>
              <dt>{tp('field.password')}</dt>
              <dd data-field="password">{report.pw ? t('value.passwordFilled') : t('value.empty')}</dd>
            </>
          )}
          {(f.mode === 'relay' || f.mode === 'mailbox') && (
            <>
              <dt>{t('value.mode')}</dt>
              <dd data-field="mode">{tc(`mode.${f.mode}`)}</dd>
            </>
          )}
        </dl>
        <p class="help">{t('privacy')}</p>
      </section>

      <section aria-labelledby="r-findings">
        <h3 id="r-findings">{t('findingsHeading')}</h3>
        <p class="help">{t('findingsLead')}</p>
        <p class={diffs.length ? 'note' : 'muted'} data-testid="diff-summary" data-diffs={diffs.length}>
          {diffs.length ? t('diff.count', { count: diffs.length }) : t('diff.none')}
        </p>
        {rows.length === 0 ? <p class="muted">{t('noFindings')}</p> : <FindingTable rows={rows} />}
        <CustomerProbe report={report} />
      </section>

      <section aria-labelledby="r-recheck">
        <h3 id="r-recheck">{t('recheckHeading')}</h3>
        {request.ok ? (
          <p class="help">{t('recheckLead', { host: request.req.host, port: request.req.port, encryption: ENCRYPTION_LABELS[request.req.encryption as Encryption], backend: backendUrl })}</p>
        ) : (
          <p class="finding finding-error" data-testid="recheck-incomplete">
            {t('recheckIncomplete', { fields: request.fields.map((x) => tp(`field.${x}`)).join(', ') })}
          </p>
        )}
        <div class="field">
          <label for="recheck-domain">{t('recheckDomain')}</label>
          <input id="recheck-domain" type="text" spellcheck={false} value={domain} aria-describedby="recheck-domain-help" onInput={(e) => setDomain(e.currentTarget.value)} />
          <p id="recheck-domain-help" class="help">
            {t('recheckDomainHelp')}
          </p>
        </div>
        <button type="button" class="primary" disabled={!request.ok || recheck.phase === 'running'} onClick={() => void run()} data-testid="recheck">
          {recheck.phase === 'running' ? t('rechecking') : t('recheck')}
        </button>
        <div aria-live="polite" data-testid="recheck-status" data-state={recheck.phase}>
          {recheck.phase === 'running' && <Steps steps={recheck.steps} busy />}
          {done?.down && (
            <p class="finding finding-error" data-testid="backend-down">
              {t('recheckDown', { url: backendUrl })}
            </p>
          )}
          {done && !done.down && done.probeError && <p class="finding finding-error">{t('recheckProbeError', { message: done.probeError })}</p>}
          {done && !done.down && done.discoverError && <p class="finding finding-error">{t('recheckDiscoverError', { message: done.discoverError })}</p>}
          {checks.length > 0 && (
            <>
              <h4>{t('outsideHeading')}</h4>
              {failing.length === 0 && <p class="verdict verdict-ok">{t('outsideNone')}</p>}
              <ul class="outside" data-testid="outside-checks">
                {checks.map((c) => (
                  <li key={c.id} class={`outside-${c.state}`} data-check={c.id} data-state={c.state}>
                    <span class="outside-name">{t(`check.${c.id}`)}</span>
                    <span class="outside-state">{t(`check.state.${c.state}`)}</span>
                    <span class="outside-text">{c.text}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {done?.probe && (
            <details class="recheck-details">
              <summary>{t('recheckFindings')}</summary>
              <Steps steps={done.probe.steps} />
              <FindingList findings={[...(done.probe.findings as Finding[]), ...((done.discover?.findings ?? []) as Finding[])]} />
            </details>
          )}
          {!done?.probe && done?.discover && <FindingList findings={done.discover.findings as Finding[]} />}
        </div>
      </section>

      <section aria-labelledby="r-answer">
        <h3 id="r-answer">{t('answerHeading')}</h3>
        <p class="help">{t('answerLead', { withRecheck: done?.probe || done?.discover ? t('answerWithRecheck') : '' })}</p>
        <fieldset class="answer-lang">
          <legend>{t('answerLang')}</legend>
          {(['nl', 'en'] as const).map((l) => (
            <label key={l}>
              <input type="radio" name="answer-lang" value={l} checked={answerLang === l} onChange={() => setAnswerLang(l)} /> {t(`lang.${l}`)}
            </label>
          ))}
        </fieldset>
        <pre class="answer" data-testid="answer" lang={answerLang} tabIndex={0}>
          {answer}
        </pre>
        <CopyButton text={answer} label={t('copyAnswer')} doneMessage={t('answerCopied')} />
      </section>
    </div>
  );
}

/** The customer's findings next to today's, with what changed. */
function FindingTable({ rows }: { rows: readonly FindingRow[] }) {
  const t = useT(reportMessages);
  const tc = useT(commonMessages);
  const lang = useLang();
  const cell = (sev: string | undefined, text: string | undefined) =>
    sev ? (
      <>
        <span class={`sev sev-${sev}`}>{tc(`severity.${sev as 'error'}`)}</span> {text}
      </>
    ) : (
      <span class="muted">{t('absent')}</span>
    );
  return (
    <table class="finding-table" data-testid="finding-table">
      <thead>
        <tr>
          <th scope="col">{t('col.customer')}</th>
          <th scope="col">{t('col.today')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} data-finding={r.code} data-diff={r.diff} class={`diff-${r.diff}`}>
            <td>{cell(r.customer?.severity, r.customer ? (r.customer.text ?? findingText({ code: r.customer.code as Finding['code'] }, lang)) : undefined)}</td>
            <td>
              {cell(r.today?.severity, r.today ? findingText(r.today, lang) : undefined)}
              {r.diff !== 'same' && <span class="diff-mark">{t(`diff.${r.diff}`)}</span>}
              <code class="code">{r.code}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The customer's last server test, as the report summarises it. */
function CustomerProbe({ report }: { report: SupportReport }) {
  const t = useT(reportMessages);
  const lang = useLang();
  const p = report.probe;
  return (
    <>
      <h4>{t('customerProbeHeading')}</h4>
      {!p && report.probeLine ? (
        <pre data-testid="customer-probe">{report.probeLine}</pre>
      ) : !p ? (
        <p class="muted">{t('customerProbeNone')}</p>
      ) : (
        <div data-testid="customer-probe" data-verdict={p.ok ? 'ok' : 'fail'}>
          <p class={`verdict ${p.ok ? 'verdict-ok' : 'verdict-fail'}`}>{t(p.ok ? 'probe.verdict.ok' : 'probe.verdict.fail', { host: p.host, port: p.port, ms: p.ms })}</p>
          <Steps steps={p.steps} />
          <p class="help">
            {t('probe.portMode', { mode: p.portMode in PORT_MODE_KEYS ? t(`portMode.${p.portMode as keyof typeof PORT_MODE_KEYS}`) : p.portMode })}
            {p.recommended && ` ${t('probe.recommended', { label: (ENCRYPTION_LABELS as Record<string, string>)[p.recommended] ?? p.recommended })}`}
          </p>
          {p.codes.length > 0 && (
            <ul class="codes">
              {p.codes.map((c) => (
                <li key={c}>{findingText({ code: c as Finding['code'], params: { port: p.port, host: p.host } }, lang)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}

const PORT_MODE_KEYS = { 'implicit-tls': 1, starttls: 1, plain: 1, unreachable: 1, unknown: 1 } as const;

function Steps({ steps, busy }: { steps: readonly { step: string; status: string; ms: number; code?: string }[]; busy?: boolean }) {
  const t = useT(reportMessages);
  return (
    <ol class="progress" aria-busy={busy ? 'true' : undefined} data-testid={busy ? 'recheck-steps' : undefined}>
      {steps.map((s, i) => (
        <li key={`${s.step}-${i}`} class={`progress-${s.status}`} data-step={s.step} data-status={s.status}>
          <span>{s.step in STEP_KEYS ? t(`step.${s.step as keyof typeof STEP_KEYS}`) : s.step}</span>
          <span class="progress-status">
            {s.status in STATUS_KEYS ? t(`status.${s.status as keyof typeof STATUS_KEYS}`) : s.status}
            {s.status !== 'skipped' && <span class="muted"> · {s.ms} ms</span>}
            {s.code && <span class="muted"> · {s.code}</span>}
          </span>
        </li>
      ))}
      {busy && (
        <li class="progress-pending progress-current" data-status="running">
          <span class="spinner" aria-hidden="true" />
          <span class="progress-status">{t('rechecking')}</span>
        </li>
      )}
    </ol>
  );
}

const STEP_KEYS = { resolve: 1, connect: 1, greeting: 1, ehlo: 1, tls: 1, auth: 1, quit: 1 } as const;
const STATUS_KEYS = { ok: 1, warn: 1, fail: 1, skipped: 1 } as const;
