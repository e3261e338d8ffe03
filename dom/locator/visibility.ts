/**
 * What a person can see and use. A control that is hidden (hidden attribute, display:none, visibility,
 * aria-hidden, inert, a closed <dialog>, off-screen, zero size) or disabled/read-only is never the field;
 * it is skipped and the search goes on (an ASP.NET cell often holds a hidden input before the visible one).
 */

export type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
export const CONTROL_SELECTOR = 'input, textarea, select';

export function win(el: Element): (Window & typeof globalThis) | null {
  return el.ownerDocument.defaultView as (Window & typeof globalThis) | null;
}

/** Whether real layout exists (a browser) or not (happy-dom): size checks only make sense with layout. */
function hasLayout(doc: Document): boolean {
  const r = doc.documentElement.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

const OFFSCREEN = -500;

/** The computed-style facts the rules use, read once per element during one scan (see `scan`). */
export interface StyleFacts {
  display: string;
  visibility: string;
  position: string;
  left: string;
  top: string;
  width: string;
  height: string;
  overflow: string;
}
let cache: WeakMap<Element, StyleFacts | null> | undefined;

export function styleFacts(el: Element): StyleFacts | null {
  const hit = cache?.get(el);
  if (hit !== undefined) return hit;
  const cs = win(el)?.getComputedStyle(el);
  const facts = cs
    ? { display: cs.display, visibility: cs.visibility, position: cs.position, left: cs.left, top: cs.top, width: cs.width, height: cs.height, overflow: cs.overflow }
    : null;
  cache?.set(el, facts);
  return facts;
}

/**
 * Runs one look at the page with computed styles cached per element (a page does not restyle in the middle
 * of a synchronous scan). Nested scans share the outer cache; the cache is gone when the scan ends.
 */
export function scan<T>(fn: () => T): T {
  if (cache) return fn();
  cache = new WeakMap();
  try {
    return fn();
  } finally {
    cache = undefined;
  }
}

export const offScreen = (f: StyleFacts) => (f.position === 'absolute' || f.position === 'fixed') && (parseFloat(f.left) < OFFSCREEN || parseFloat(f.top) < OFFSCREEN);

/** A size declared as zero, for a page without layout: the control itself, or a wrapper that clips its content away. */
function zeroBox(cs: StyleFacts, self: boolean): boolean {
  const zero = (v: string) => /^0(px)?$/.test((v ?? '').trim());
  return (zero(cs.width) || zero(cs.height)) && (self || cs.overflow === 'hidden');
}

/** Hidden in any way a person could not see or reach it: hidden attr, display:none, visibility, aria-hidden, off-screen, zero size. */
export function isHidden(el: Element): boolean {
  const w = win(el);
  if (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'hidden') return true;
  const layout = hasLayout(el.ownerDocument);
  for (let n: Element | null = el; n; n = n.parentElement) {
    if (n.hasAttribute('hidden') || n.getAttribute('aria-hidden') === 'true' || n.hasAttribute('inert')) return true;
    if (n.tagName === 'DIALOG' && !n.hasAttribute('open')) return true;
    const cs = styleFacts(n);
    if (!cs) continue;
    if (cs.display === 'none') return true;
    if (n === el && (cs.visibility === 'hidden' || cs.visibility === 'collapse')) return true;
    if (offScreen(cs)) return true;
    if (!layout && zeroBox(cs, n === el)) return true;
  }
  if (layout) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return true;
    const sx = w?.scrollX ?? 0;
    const sy = w?.scrollY ?? 0;
    if (r.right + sx < 0 || r.bottom + sy < 0) return true;
  }
  return false;
}

export type Unusable = 'hidden' | 'disabled' | 'readonly';

/** Why a control may not be touched, or undefined when it may (custom controls: aria-disabled/readonly). */
export function unusableReason(el: Control | HTMLElement): Unusable | undefined {
  if ((el as Control).disabled || el.closest('fieldset[disabled]')) return 'disabled';
  if ('readOnly' in el && el.readOnly) return 'readonly';
  if (el.getAttribute('aria-disabled') === 'true' || el.getAttribute('aria-readonly') === 'true') return 'readonly';
  if (isHidden(el)) return 'hidden';
  return undefined;
}
