import { useEffect, useRef, useState } from 'preact/hooks';
import { errorKey, stepMessages } from '@/lib/i18n/steps';
import type { ApiFinding } from '@/lib/api';
import type { SmtpSettings } from '@/lib/settings';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useLang, useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { loadPendingValidation, savePendingValidation, type LastOutcomes, type PendingValidation } from '@/services/settings-store';
import type { BackendClient, BackendFailure } from '../backend';
import { isLoopbackUrl } from '@/lib/prefs';
import { SubmitForm } from '@/components/SubmitForm';

type Phase =
  | { phase: 'idle' }
  | { phase: 'sending' }
  | { phase: 'send-failed'; message: string; code: string; findings: ApiFinding[] }
  | { phase: 'sent'; pending: PendingValidation; problem?: string; confirming?: boolean }
  | { phase: 'dead'; pending: PendingValidation; reason: string }
  | { phase: 'validated'; pending: PendingValidation; domain: string }
  | { phase: 'down' };

export interface CodeValidationProps {
  client: BackendClient;
  /** Complete settings (password from storage.session included) and the dialog's fields, when all are valid. */
  ready?: { settings: SmtpSettings; domain: string; from: string; to: string };
  mailbox: boolean;
  backendUrl: string;
  /** The admin asked for a check (pressed the disabled-looking send): show the dialog fields' problems. */
  onAsk?: () => void;
  /** Each validation mail's result (for the summary). */
  onOutcome?: (mail: NonNullable<LastOutcomes['mail']>) => void;
}

/** What the admin types: spaces dropped, capitals (codes are upper-case). */
export const normalizeCode = (raw: string) => raw.replace(/\s+/g, '').toUpperCase();

/** "E-mail validatiecode versturen" → Validatiecode → "Valideer" [S-E2..S-E5], through the backend, as the CRM will do it. */
export function CodeValidation({ client, ready, mailbox, backendUrl, onAsk, onOutcome }: CodeValidationProps) {
  const t = useT(wizardMessages);
  const ts = useT(stepMessages);
  const region = useRef<HTMLDivElement>(null);
  const focusNext = useRef(false);
  const lang = useLang();
  const [state, setState] = useState<Phase>({ phase: 'idle' });
  const [code, setCode] = useState('');
  const now = () => new Date().toISOString();
  useEffect(() => {
    if (!focusNext.current || state.phase === 'sending' || (state.phase === 'sent' && state.confirming)) return;
    focusNext.current = false;
    // After "Valideer" or sending, the result gets focus (the pressed button may be gone): never <body>.
    const target = region.current?.parentElement?.querySelector<HTMLElement>('[data-focus-result]') ?? region.current;
    target?.focus();
    target?.scrollIntoView?.({ block: 'nearest' });
  });

  useEffect(() => {
    void loadPendingValidation().then((p) => {
      if (!p) return;
      if (p.validated) setState({ phase: 'validated', pending: p, domain: p.validated });
      else if (Date.parse(p.expiresAt) > Date.now()) setState({ phase: 'sent', pending: p });
    });
  }, []);

  const failText = (r: BackendFailure): string => {
    if (r.code === 'rate_limited') return t('E.rateLimited', { seconds: r.error?.retryAfter ?? 60 });
    return ts(errorKey(r.code), { url: backendUrl, seconds: r.error?.retryAfter ?? 60, field: r.error?.field ? ` (${r.error.field})` : '' });
  };

  const send = async () => {
    if (!ready) {
      onAsk?.();
      return;
    }
    focusNext.current = true;
    setState({ phase: 'sending' });
    setCode('');
    const r = await client.createValidation({ ...ready, lang });
    if (r.ok) {
      const pending = { id: r.data.id, expiresAt: r.data.expiresAt, domain: ready.domain, to: ready.to };
      await savePendingValidation(pending);
      setState({ phase: 'sent', pending });
      onOutcome?.({ result: 'sent', at: now(), domain: ready.domain });
    } else if (r.kind === 'unreachable') {
      setState({ phase: 'down' });
      onOutcome?.({ result: 'failed', at: now(), domain: ready.domain, code: r.code });
    } else {
      setState({ phase: 'send-failed', message: failText(r), code: r.code, findings: r.error?.findings ?? [] });
      onOutcome?.({ result: 'failed', at: now(), domain: ready.domain, code: r.code });
    }
  };

  const confirm = async (pending: PendingValidation) => {
    const c = normalizeCode(code);
    if (!/^[A-Z0-9]{6}$/.test(c)) return setState({ phase: 'sent', pending, problem: t('E.codeShape') });
    focusNext.current = true;
    setState({ phase: 'sent', pending, confirming: true });
    const r = await client.confirmValidation(pending.id, c);
    if (r.ok) {
      const done = { ...pending, validated: r.data.domain };
      await savePendingValidation(done);
      onOutcome?.({ result: 'validated', at: now(), domain: r.data.domain });
      return setState({ phase: 'validated', pending: done, domain: r.data.domain });
    }
    if (r.kind === 'unreachable') return setState({ phase: 'down' });
    const dead = { locked: 'E.locked', expired: 'E.expired', already_used: 'E.alreadyUsed', not_found: 'E.notFound' } as const;
    if (r.code in dead) {
      await savePendingValidation(undefined);
      return setState({ phase: 'dead', pending, reason: t(dead[r.code as keyof typeof dead]) });
    }
    const left = r.error?.attemptsLeft;
    const problem =
      r.code === 'code_mismatch' && left !== undefined ? (left === 1 ? t('E.mismatchLast') : t('E.mismatch', { left })) : r.code === 'code_invalid' ? t('E.codeShape') : failText(r);
    setState({ phase: 'sent', pending, problem });
  };

  const time = (iso: string) => new Date(iso).toLocaleTimeString(lang === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  const sendButton = (label: string, cls = 'primary') => (
    <button type="button" class={cls} onClick={send} disabled={state.phase === 'sending'} aria-disabled={ready ? undefined : 'true'} aria-describedby={ready ? undefined : 'e-code-needs'}>
      {state.phase === 'sending' ? t('E.sending') : label}
    </button>
  );

  return (
    <section class="test" aria-labelledby="e-code">
      <h3 id="e-code">{t('E.codeHeading')}</h3>
      <p>{t('E.codeLead')}</p>
      {state.phase !== 'sent' && state.phase !== 'validated' && (
        <div class="row">{sendButton(state.phase === 'dead' ? t('E.resend') : t('E.send'))}</div>
      )}
      <div aria-live="polite" role="status" tabIndex={-1} ref={region} class="result-region" data-testid="code-status" data-phase={state.phase}>
        {!ready && state.phase !== 'validated' && (
          <p id="e-code-needs" class="help">
            {t('E.sendNeeds')}
          </p>
        )}
        {state.phase === 'down' && (
          <p class="finding finding-error" data-testid="backend-down">
            {t(isLoopbackUrl(backendUrl) ? 'E.backendDown' : 'E.backendDownRemote', { url: backendUrl })}
          </p>
        )}
        {state.phase === 'send-failed' && (
          <>
            <p class="finding finding-error" data-testid="send-failed" data-code={state.code}>
              {t('E.sendFailed', { message: state.message })}
            </p>
            <p class="help details">{ts('err.details', { code: state.code })}</p>
            <FindingList findings={state.findings} />
          </>
        )}
        {state.phase === 'dead' && (
          <p class="finding finding-error" data-testid="code-dead">
            {state.reason}
          </p>
        )}
      </div>
      {state.phase === 'sent' && (
        <SubmitForm class="code-form" onSubmit={() => confirm(state.pending)}>
          <p class="finding finding-info" data-testid="code-sent" tabIndex={-1} data-focus-result={state.confirming || state.problem ? undefined : ''}>
            {t('E.sent', { to: state.pending.to, time: time(state.pending.expiresAt) })}
          </p>
          <div class="field">
            <label for="val-code">{t('E.code')}</label>
            <input
              id="val-code"
              class="code-input"
              type="text"
              autocomplete="one-time-code"
              autocapitalize="characters"
              spellcheck={false}
              value={code}
              aria-invalid={state.problem ? true : undefined}
              aria-describedby="val-code-help val-code-problem"
              onInput={(e) => setCode(e.currentTarget.value)}
            />
            <p id="val-code-help" class="help">
              {t('E.codeHelp', { to: state.pending.to })}
            </p>
            <p id="val-code-problem" class={state.problem ? 'finding finding-error' : 'status'} role="alert" data-testid="code-problem" tabIndex={-1} data-focus-result={state.problem ? '' : undefined}>
              {state.problem}
            </p>
          </div>
          <div class="row">
            <button type="submit" class="primary" disabled={state.confirming || code.trim() === ''}>
              {state.confirming ? t('E.confirming') : t('E.confirm')}
            </button>
            {sendButton(t('E.resend'), 'secondary')}
          </div>
        </SubmitForm>
      )}
      {state.phase === 'validated' && (
        <div class="validated" data-testid="validated">
          <p class="verdict verdict-ok" tabIndex={-1} data-focus-result="">
            {t('E.validated', { domain: state.domain })}
          </p>
          <p>{t('E.crmNext')}</p>
          <table class="crm-domains">
            <thead>
              <tr>
                <th scope="col">{t('E.crmColumn')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td data-testid="validated-domain">{state.domain}</td>
              </tr>
            </tbody>
          </table>
          <p class="help">{t('E.crmButtons')}</p>
          {mailbox && <p class="note">{t('E.doneMailbox')}</p>}
          <button
            type="button"
            class="secondary"
            onClick={async () => {
              await savePendingValidation(undefined);
              setState({ phase: 'idle' });
            }}
          >
            {t('E.again')}
          </button>
        </div>
      )}
    </section>
  );
}
