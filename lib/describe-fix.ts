import type { Lang } from './i18n/define';
import type { FormValues } from './drafts';
import { AUTH_LABELS, ENCRYPTION_LABELS, FIELD_LABELS, MODE_TEXT } from './crm-labels';

// The CRM's own labels (lib/crm-labels.ts), verbatim in both languages so the admin finds them in the form.
const FIELD = FIELD_LABELS;
const ENCRYPTION: Record<string, string> = ENCRYPTION_LABELS;
const AUTH: Record<string, string> = AUTH_LABELS;

/**
 * What a fix button will do, in the CRM's words: "Poortnummer 587 + Gebruik TLS", "Gebruik SSL",
 * "Gebruikersnaam jan". '' when nothing in the form would change. The one copy, for the wizard and the panel.
 */
export function describeFix(fix: FormValues, lang: Lang): string {
  return [
    fix.host && `${FIELD.host} ${fix.host}`,
    fix.port !== undefined && fix.port !== '' && `${FIELD.port} ${fix.port}`,
    fix.encryption && ENCRYPTION[fix.encryption],
    fix.authMethod && AUTH[fix.authMethod],
    fix.username && `${FIELD.username} ${fix.username}`,
    fix.mode && ((MODE_TEXT[lang] ?? MODE_TEXT.nl) as Record<string, string>)[`mode.${fix.mode}`],
  ]
    .filter(Boolean)
    .join(' + ');
}
