import type { DiscoverResult, ProbeReport } from '../api';
import { AUTH_LABELS, ENCRYPTION_LABELS } from '../crm-labels';
import type { FormValues } from '../drafts';
import { sortFindings, type Finding } from '../findings';
import { commonMessages } from '../i18n/common';
import { findingText, translator, type Lang } from '../i18n';
import { reportMessages } from '../i18n/report';

// "Antwoord kopiëren": a short text for the customer, in the CRM's own words, from the same findings and
// fixes the rep sees: what to change field by field, why, and where to click. No internal codes.

export interface AnswerInput {
  /** The customer's form values (from the report). */
  form: FormValues;
  /** Today's rules on those values (lib/report/compare.ts todayFindings). */
  today: readonly Finding[];
  /** "Opnieuw controleren": the probe from the rep's side, without a password. */
  probe?: ProbeReport;
  /** "Opnieuw controleren": the customer's domain. */
  discover?: DiscoverResult;
  lang: Lang;
}

const FIELDS = ['host', 'port', 'encryption', 'authMethod', 'username', 'mode'] as const;
type Field = (typeof FIELDS)[number];

export interface FieldChange {
  field: Field;
  value: string | number;
  /** The finding that asks for it (its text is the "why"). */
  because: Finding;
}

const same = (a: unknown, b: unknown) => String(a ?? '').trim().toLowerCase() === String(b ?? '').trim().toLowerCase();

/**
 * The changes to make, one per field. What the test measured from outside comes first (the port's
 * encryption, the probe's fixes), then today's rules; a field already decided keeps its first value.
 */
function plannedChanges(a: Omit<AnswerInput, 'lang'>): FieldChange[] {
  const sources: Finding[] = [];
  const rec = a.probe?.detected.recommendedEncryption;
  if (rec && !same(rec, a.form.encryption)) {
    const why = a.probe!.findings.find((f) => f.fix?.encryption === rec) ?? {
      code: rec === 'ssl' ? 'port-expects-ssl' : 'port-expects-starttls',
      severity: 'error',
      field: 'encryption',
      params: { port: a.probe!.target.port },
    };
    sources.push({ ...(why as Finding), fix: { encryption: rec } });
  }
  if (a.probe) sources.push(...sortFindings(a.probe.findings as Finding[]).filter((f) => f.fix));
  sources.push(...sortFindings([...a.today]).filter((f) => f.fix));
  const out: FieldChange[] = [];
  for (const f of sources) {
    const fix = f.fix as FormValues;
    for (const field of FIELDS) {
      const value = fix[field];
      if (value === undefined || value === '' || out.some((c) => c.field === field) || same(value, a.form[field])) continue;
      out.push({ field, value, because: f });
    }
  }
  return out.sort((x, y) => FIELDS.indexOf(x.field) - FIELDS.indexOf(y.field));
}

/** A value as the CRM shows it ("Gebruik SSL", "IP Whitelisting", "Mailserver doorsturen"). */
function crmWords(field: Field, value: unknown, lang: Lang, empty: string): string {
  if (value === undefined || value === null || String(value).trim() === '') return empty;
  const v = String(value);
  if (field === 'encryption') return (ENCRYPTION_LABELS as Record<string, string>)[v] ?? v;
  if (field === 'authMethod') return (AUTH_LABELS as Record<string, string>)[v] ?? v;
  if (field === 'mode' && (v === 'relay' || v === 'mailbox')) return commonMessages[lang][`mode.${v}`];
  return v;
}

/** The answer to the customer, ready to paste into a mail. */
export function buildAnswer(a: AnswerInput): string {
  const t = translator(reportMessages, a.lang);
  const text = (f: Finding) => findingText(f, a.lang);
  const changes = plannedChanges(a);
  const lines: string[] = [t('answer.greeting'), '', t('answer.intro')];
  if (a.probe) lines.push(t('answer.recheckIntro', { host: a.probe.target.host, port: a.probe.target.port }));
  lines.push('');
  if (changes.length === 0) lines.push(t('answer.nothing'));
  else {
    lines.push(t('answer.changeHeading'));
    changes.forEach((c, i) => {
      const empty = t('answer.empty');
      lines.push(`${i + 1}. ${t(`answer.set.${c.field}`, { value: crmWords(c.field, c.value, a.lang, empty), current: crmWords(c.field, a.form[c.field], a.lang, empty) })}`);
      lines.push(`   ${t('answer.why', { text: text(c.because) })}`);
    });
    lines.push('', t('answer.where'));
  }

  // Errors and warnings without a fix of their own: today's rules and the test, each code once.
  const fixed = new Set(changes.map((c) => c.because.code));
  const seen = new Set<string>();
  const also = [...sortFindings([...a.today]), ...sortFindings((a.probe?.findings ?? []) as Finding[])].filter((f) => {
    if (f.severity === 'info' || f.fix || fixed.has(f.code) || seen.has(f.code)) return false;
    seen.add(f.code);
    return true;
  });
  if (also.length) lines.push('', t('answer.alsoHeading'), ...also.map((f) => `- ${text(f)}`));

  const dns = sortFindings((a.discover?.findings ?? []) as Finding[]).filter((f) => f.severity !== 'info');
  if (a.discover && dns.length) lines.push('', t('answer.domainHeading', { domain: a.discover.domain.name }), ...dns.map((f) => `- ${text(f)}`));

  lines.push('', t('answer.closing'), '', t('answer.regards'));
  return lines.join('\n');
}
