import type { Lang } from './define';
import { format, type Params } from './format';
import { findingMessages } from './findings';
import { probeFindingMessages } from './probe-findings';
import { watchFindingMessages } from './watch';
import type { Finding } from '../findings';

export type { Lang } from './define';
export { LANGS, defineMessages } from './define';
export { format, type Params } from './format';

type Catalog = { nl: Record<string, string>; en: Record<string, string> };

/** A t() over one area's catalogue: unknown keys fall back to Dutch, then to the key itself. */
export function translator<C extends Catalog>(catalog: C, lang: Lang) {
  return (key: keyof C['nl'] & string, params?: Params): string =>
    format(catalog[lang][key] ?? catalog.nl[key] ?? key, params);
}

/** The text of a finding in one language: the variant's text when there is one. */
export function findingText(f: Pick<Finding, 'code' | 'variant' | 'params'>, lang: Lang): string {
  const messages: Record<string, string> = { ...findingMessages[lang], ...probeFindingMessages[lang], ...watchFindingMessages[lang] };
  const dutch: Record<string, string> = { ...findingMessages.nl, ...probeFindingMessages.nl, ...watchFindingMessages.nl };
  const key = f.variant && `${f.code}.${f.variant}` in messages ? `${f.code}.${f.variant}` : f.code;
  return format(messages[key] ?? dutch[key] ?? f.code, f.params);
}

export { langFromLocale } from './lang';
