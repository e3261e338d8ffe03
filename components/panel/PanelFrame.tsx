import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Lang } from '@/lib/i18n';
import { panelT } from './panel-texts';
import { realUse } from './guard';

export interface PanelFrameProps {
  lang: Lang;
  subtitle: string;
  children: ComponentChildren;
}

const STEP = 24;

/** The panel's own host element (the shadow root's host), which a floating card moves. */
const hostOf = (e: Event) => ((e.currentTarget as Element).getRootNode() as ShadowRoot).host as HTMLElement | undefined;

/** Moves a floating card by dx/dy, kept inside the window. */
function moveBy(host: HTMLElement, dx: number, dy: number) {
  const r = host.getBoundingClientRect();
  const win = host.ownerDocument.defaultView!;
  host.style.left = `${Math.round(Math.min(Math.max(r.left + dx, 0), win.innerWidth - Math.min(r.width, 80)))}px`;
  host.style.top = `${Math.round(Math.min(Math.max(r.top + dy, 0), win.innerHeight - 40))}px`;
}

/** The panel's card: a header with the product name, a move handle (when it floats) and a collapse button, then the content. */
export function PanelFrame({ lang, subtitle, children }: PanelFrameProps) {
  const t = panelT(lang);
  const [open, setOpen] = useState(true);
  // Dragging the handle (a real pointer), or arrow keys on it, moves a floating card (data-place="float").
  const drag = (e: PointerEvent) => {
    const host = hostOf(e);
    if (!e.isTrusted || !host) return;
    e.preventDefault();
    let x = e.clientX;
    let y = e.clientY;
    const win = host.ownerDocument.defaultView!;
    const move = (m: PointerEvent) => {
      moveBy(host, m.clientX - x, m.clientY - y);
      x = m.clientX;
      y = m.clientY;
    };
    const up = () => {
      win.removeEventListener('pointermove', move);
      win.removeEventListener('pointerup', up);
    };
    win.addEventListener('pointermove', move);
    win.addEventListener('pointerup', up);
  };
  const keys = (e: KeyboardEvent) => {
    const d = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] }[e.key];
    const host = hostOf(e);
    if (!d || !e.isTrusted || !host) return;
    e.preventDefault();
    moveBy(host, d[0]!, d[1]!);
  };
  return (
    <section class={open ? 'card' : 'card collapsed'} lang={lang} aria-label={t('title')} data-open={open ? 'true' : 'false'}>
      <header>
        <span class="logo" aria-hidden="true">M</span>
        <h2>
          {t('title')} <span class="sub">· {subtitle}</span>
        </h2>
        <button type="button" class="move" data-action="move" title={t('move')} aria-label={t('move')} onPointerDown={drag} onKeyDown={keys}>
          ✥
        </button>
        <button type="button" class="toggle" data-action="toggle" aria-expanded={open} onClick={(e) => realUse(e) && setOpen(!open)}>
          {open ? t('collapse') : t('expand')}
        </button>
      </header>
      <div class="body">{children}</div>
    </section>
  );
}
