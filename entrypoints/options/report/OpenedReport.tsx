import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DiscoverResult, ProbeReport, ProbeStep } from '@/lib/api';
import { AUTH_LABELS, ENCRYPTION_LABELS } from '@/lib/crm-labels';
import type { Lang } from '@/lib/i18n';
import { panelMessages } from '@/lib/i18n/panel';
import { reportMessages } from '@/lib/i18n/report';
import { commonMessages } from '@/lib/i18n/common';
import type { Encryption } from '@/lib/settings';
import type { Finding } from '@/lib/findings';
import type { SupportReport } from '@/lib/report/parse-report';
import { compareFindings, differences, todayFindings } from '@/lib/report/compare';
import { outsideChecks, guessDomain } from '@/lib/report/outside';
import { buildAnswer } from '@/lib/report/answer';
import { useLang, useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { CopyButton } from '@/components/CopyButton';
import type { BackendClient } from '../backend';
import { recheckRequest } from './recheck-request';
import { FindingTable } from './FindingTable';
import { CustomerProbe } from './CustomerProbe';
import { Steps } from './Steps';

type Recheck =
  | { phase: 'idle' }
  | { phase: 'running'; steps: ProbeStep[] }
  | { phase: 'done'; probe?: ProbeReport; discover?: DiscoverResult; probeError?: string; discoverError?: string; down?: boolean };

/** An opened report: the customer's values and findings, today's rules on them, the re-check and the answer. */
export function OpenedReport({ report, blocks, client, backendUrl }: { report: SupportReport; blocks: number; client: BackendClient; backendUrl: string }) {
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
