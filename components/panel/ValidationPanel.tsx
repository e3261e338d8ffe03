import { useState } from 'preact/hooks';
import type { Lang } from '@/lib/i18n';
import type { ValidationValues } from '@/dom/crm-form-locator';
import { PanelFrame } from './PanelFrame';
import { panelT } from './panel-texts';
import { realUse } from './guard';
import type { Status } from './SmtpPanel';

export interface ValidationPanelProps {
  lang: Lang;
  /** Domein / Van / Naar the wizard saved (storage.local wizard.validation). */
  saved: ValidationValues | undefined;
  mailboxMode: boolean;
  onFill: () => Status;
}

/** In the "SMTP server validatie" dialog: fill Domein/Van/Naar from the wizard, explain the code step [S-E2..S-E5]. */
export function ValidationPanel({ lang, saved, mailboxMode, onFill }: ValidationPanelProps) {
  const t = panelT(lang);
  const [status, setStatus] = useState<Status>();
  const has = !!(saved?.domain || saved?.from || saved?.to);
  return (
    <PanelFrame lang={lang} subtitle={t('validation.heading')}>
      <p style="margin:0">{t('validation.intro')}</p>
      {mailboxMode && (
        <p class="warn" data-finding="mailbox-send-as">
          {t('validation.mailbox')}
        </p>
      )}
      <p class="preview">
        {has ? t('validation.preview', { domain: saved?.domain || '…', from: saved?.from || '…', to: saved?.to || '…' }) : t('validation.nothing')}
      </p>
      <div class="actions">
        <button type="button" class="primary" data-action="fill-validation" disabled={!has} onClick={(e) => realUse(e) && setStatus(onFill())}>
          {t('validation.fill')}
        </button>
      </div>
      {status && (
        <p class={`status ${status.kind}`} role="status">
          {status.text}
        </p>
      )}
      <ol>
        <li>{t('validation.step1')}</li>
        <li>{t('validation.step2')}</li>
        <li>{t('validation.step3')}</li>
        <li>{t('validation.step4')}</li>
      </ol>
    </PanelFrame>
  );
}
