import { useState } from 'preact/hooks';
import { parseCrmRange, parseSenderDomains, rangeSnippets, type SnippetKind } from '@/lib/crm-range';
import { crmRangeMessages } from '@/lib/i18n/crm-range';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useLang, useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { CopyButton } from '@/components/CopyButton';

export interface WhitelistPanelProps {
  range: string;
  /** The CRM's Domein, when known: the first sender domain. */
  domain?: string;
}

/**
 * Step D's IP-whitelisting part: the CRM range in every form, the customer's domain(s), and a snippet per server
 * type that allows the range only for senders of those domains (the range is shared by every CRM customer).
 * Lazy chunk (ip-cidr).
 */
export function WhitelistPanel({ range, domain }: WhitelistPanelProps) {
  const t = useT(wizardMessages);
  const tr = useT(crmRangeMessages);
  const lang = useLang();
  const [kind, setKind] = useState<SnippetKind>('postfix');
  const [domainsText, setDomainsText] = useState(domain ?? '');
  const parsed = parseCrmRange(range);
  if (!parsed.ok) return <FindingList findings={parsed.findings} />;
  const r = parsed.range;
  const senders = parseSenderDomains(domainsText);
  const snippets = rangeSnippets(r, { domains: senders.domains, lang });
  const current = snippets.find((s) => s.kind === kind) ?? snippets[0]!;
  return (
    <div class="whitelist-panel">
      <p class="finding finding-warning" data-testid="range-shared">
        {tr('panel.shared')}
      </p>
      <p>{tr('panel.safer')}</p>
      <dl class="facts">
        <dt>{t('D.rangeShown')}</dt>
        <dd>
          <code>{r.input}</code>
        </dd>
        <dt>{t('D.rangeCanonical')}</dt>
        <dd>
          <code data-testid="crm-range-canonical">{r.canonical}</code> <CopyButton text={r.canonical} />
        </dd>
        <dt>{t('D.rangeSpan')}</dt>
        <dd>{t('D.rangeSpanValue', { first: r.first, last: r.last, count: r.count })}</dd>
      </dl>
      <FindingList findings={parsed.findings} />
      <div class="field">
        <label for="sender-domains">{tr('panel.domains')}</label>
        <input
          id="sender-domains"
          type="text"
          spellcheck={false}
          autocomplete="off"
          value={domainsText}
          aria-describedby="sender-domains-help sender-domains-findings"
          onInput={(e) => setDomainsText(e.currentTarget.value)}
        />
        <p id="sender-domains-help" class="help">
          {tr('panel.domainsHelp')}
        </p>
        {senders.domains.length === 0 && senders.findings.length === 0 && <p class="help">{tr('panel.domainsMissing')}</p>}
        <FindingList id="sender-domains-findings" findings={senders.findings} />
      </div>
      <fieldset class="segmented">
        <legend>{t('D.snippets')}</legend>
        {snippets.map((s) => (
          <span key={s.kind} class="segment">
            <input type="radio" id={`snip-${s.kind}`} name="snippet" checked={s.kind === kind} onChange={() => setKind(s.kind)} />
            <label for={`snip-${s.kind}`}>{s.label}</label>
          </span>
        ))}
      </fieldset>
      <div class="snippet" aria-live="polite">
        <p>{tr(`snippet.${current.kind}`)}</p>
        <pre tabIndex={0} aria-label={current.label}>
          <code data-testid="snippet-text">{current.text}</code>
        </pre>
        <CopyButton text={current.text} label={t('D.copySnippet', { name: current.label })} />
      </div>
      <p class="help" data-testid="office365-no-whitelist">
        {tr('panel.office365')}
      </p>
    </div>
  );
}
