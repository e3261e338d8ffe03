import { ENCRYPTION_LABELS } from '@/lib/crm-labels';
import { findingText } from '@/lib/i18n';
import { reportMessages } from '@/lib/i18n/report';
import type { Finding } from '@/lib/findings';
import type { SupportReport } from '@/lib/report/parse-report';
import { useLang, useT } from '@/components/lang';
import { Steps } from './Steps';

/** The customer's last server test, as the report summarises it. */
export function CustomerProbe({ report }: { report: SupportReport }) {
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
