// The Rechten page: outline the block "Eigen mailserver" and point at it; never click it [S-A1].

let outlined: { el: HTMLElement; outline: string; offset: string } | undefined;

/** Outlines the block (restoring the last one's own style when it changes or goes). */
export function outline(block: Element | undefined): void {
  if (outlined && outlined.el !== block) {
    outlined.el.style.outline = outlined.outline;
    outlined.el.style.outlineOffset = outlined.offset;
    outlined = undefined;
  }
  if (block && !outlined && 'style' in block) {
    const el = block as HTMLElement;
    outlined = { el, outline: el.style.outline, offset: el.style.outlineOffset };
    el.style.outline = '3px solid #dd6b20';
    el.style.outlineOffset = '2px';
  }
}

/** Scrolls to the block and flashes its outline; false when there is no block. */
export function pointAt(block: Element | undefined): boolean {
  if (!block) return false;
  const el = block as HTMLElement;
  el.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  el.animate?.([{ outlineColor: '#dd6b20' }, { outlineColor: '#fbd38d' }, { outlineColor: '#dd6b20' }], { duration: 600, iterations: 3 });
  return true;
}
