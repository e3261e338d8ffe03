import { useState } from 'preact/hooks';
import { parseCrmRange, rangeSnippets, type SnippetKind } from '@/lib/crm-range';
import { crmRangeMessages } from '@/lib/i18n/crm-range';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { CopyButton } from '@/components/CopyButton';

/** Step D's IP-whitelisting part: the CRM range in every form and a snippet per server type. Lazy chunk (ip-cidr). */
export function WhitelistPanel({ range }: { range: string }) {
  const t = useT(wizardMessages);
  const tr = useT(crmRangeMessages);
  const [kind, setKind] = useState<SnippetKind>('postfix');
  const parsed = parseCrmRange(range);
  if (!parsed.ok) return <FindingList findings={parsed.findings} />;
  const r = parsed.range;
  const snippets = rangeSnippets(r);
  const current = snippets.find((s) => s.kind === kind) ?? snippets[0]!;
  return (
    <div class="whitelist-panel">
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
          <code>{current.text}</code>
        </pre>
        <CopyButton text={current.text} label={t('D.copySnippet', { name: current.label })} />
        {current.caveat && <FindingList findings={[current.caveat]} />}
      </div>
    </div>
  );
}
