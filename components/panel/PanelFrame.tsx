import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Lang } from '@/lib/i18n';
import { panelT } from './panel-texts';

export interface PanelFrameProps {
  lang: Lang;
  subtitle: string;
  children: ComponentChildren;
}

/** The panel's card: a header with the product name and a collapse button, then the content. */
export function PanelFrame({ lang, subtitle, children }: PanelFrameProps) {
  const t = panelT(lang);
  const [open, setOpen] = useState(true);
  return (
    <section class={open ? 'card' : 'card collapsed'} lang={lang} aria-label={t('title')}>
      <header>
        <span class="logo" aria-hidden="true">M</span>
        <h2>
          {t('title')} <span class="sub">· {subtitle}</span>
        </h2>
        <button type="button" class="toggle" aria-expanded={open} onClick={(e) => e.isTrusted && setOpen(!open)}>
          {open ? t('collapse') : t('expand')}
        </button>
      </header>
      <div class="body">{children}</div>
    </section>
  );
}
