import { useEffect, useState } from 'preact/hooks';
import { fieldWord, reasonWord } from '@/lib/i18n/fill-words';
import { crmTabMessages } from '@/lib/i18n/crm-tab';
import type { CheckResponse } from '@/messaging/messages';
import { useT } from '../lang';
import { checkActiveCrmTab, fillActiveCrmTab, getCrmTabStatus, type CrmTabStatus } from '@/services/crm-tab';

/**
 * The popup's part for the CRM tab: "Invullen op deze pagina" when the SMTP form is open, and
 * "Controleer deze pagina" (the same findings as the inline panel, and the copyable report) for support reps.
 */
export function CrmTabSection() {
  const t = useT(crmTabMessages);
  const [status, setStatus] = useState<CrmTabStatus>();
  const [fillMsg, setFillMsg] = useState('');
  const [check, setCheck] = useState<CheckResponse | 'unreachable'>();
  const [copied, setCopied] = useState(false);
  useEffect(() => void getCrmTabStatus().then(setStatus), []);
  if (!status) return null;
  // Settled and not the CRM: an empty, hidden marker (a positive signal for tests; nothing for the admin).
  if (!status.crm) return <div hidden data-crm-tab="not-crm" />;
  if (!status.reachable) return <p class="help" data-crm-tab="unreachable">{t('unreachable')}</p>;

  const fill = async () => {
    const r = await fillActiveCrmTab();
    if ('error' in r && r.error) return setFillMsg(t(`error.${r.error}`));
    const parts = [r.filled.length ? t('filled', { fields: r.filled.map((f) => t(fieldWord(f))).join(', ') }) : '', 'skipped' in r && r.skipped.length ? t('skipped', { fields: r.skipped.map((s) => `${t(fieldWord(s.field))} (${t(reasonWord(s.reason))})`).join(', ') }) : ''];
    setFillMsg(parts.filter(Boolean).join(' '));
  };
  const runCheck = async () => setCheck((await checkActiveCrmTab()) ?? 'unreachable');
  const copy = async (text: string) => {
    await navigator.clipboard.writeText(text).then(() => setCopied(true), () => setCopied(false));
  };

  return (
    <div class="crm-tab" data-crm-screen={status.screen}>
      {status.screen === 'none' && <p class="help">{t('noScreen')}</p>}
      {status.right && <p data-right-state={status.right}>{t(`right.${status.right}`)}</p>}
      {status.smtpForm && (
        <section aria-labelledby="crm-fill-h">
          <h3 id="crm-fill-h">{t('fillHeading')}</h3>
          <p class="help">{t('fillHint')}</p>
          <button type="button" class="primary" data-action="crm-fill" onClick={fill}>
            {t('fill')}
          </button>
          <p class="status" role="status">
            {fillMsg}
          </p>
        </section>
      )}
      {status.smtpForm && (
        <section aria-labelledby="crm-check-h">
          <h3 id="crm-check-h">{t('checkHeading')}</h3>
          <button type="button" class="secondary" data-action="crm-check" onClick={runCheck}>
            {t('check')}
          </button>
          {check === 'unreachable' && <p class="help">{t('unreachable')}</p>}
          {check && check !== 'unreachable' && (
            <div data-crm-check>
              {check.findings.length === 0 ? (
                <p>{t('noFindings')}</p>
              ) : (
                <ul class="findings">
                  {check.findings.map((f, i) => (
                    <li key={`${f.code}-${i}`} class={`finding finding-${f.severity}`} data-finding={f.code}>
                      <strong>{t(`severity.${f.severity}`)}:</strong> {f.text}
                    </li>
                  ))}
                </ul>
              )}
              <textarea readOnly rows={6} aria-label={t('copy')} value={check.report} data-crm-report />
              <button type="button" class="secondary" onClick={() => copy(check.report)}>
                {copied ? t('copied') : t('copy')}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
