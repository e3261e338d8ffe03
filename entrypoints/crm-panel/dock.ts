// Where the panel goes: inline after the form, unless that hides it or the CRM (issue 10 §2). Then it
// docks as a floating card beside the form: collapsible, movable, its action row always in view.

/** The floating card's width in px (components/panel/styles.ts sizes it from the host's inline width). */
export const FLOAT_WIDTH = 340;
const GAP = 12;
const EDGE = 8;

const scrolls = (v: string) => v === 'auto' || v === 'scroll' || v === 'overlay';

/**
 * Whether the inline panel cannot be used, or pushes the CRM's own controls out of reach: an ancestor that
 * clips without scrolling cuts it (or its content now overflows), or a fixed container (which the page's
 * scroll does not move) or an unscrollable page runs past the bottom of the window.
 */
export function inlineBlocked(host: HTMLElement): boolean {
  const doc = host.ownerDocument;
  const win = doc.defaultView;
  if (!win) return false;
  const r = host.getBoundingClientRect();
  const vh = win.innerHeight;
  for (let n = host.parentElement; n && n !== doc.documentElement; n = n.parentElement) {
    const cs = win.getComputedStyle(n);
    if (cs.overflowY !== 'visible' && !scrolls(cs.overflowY)) {
      if (r.bottom > n.getBoundingClientRect().bottom + 1 || n.scrollHeight > n.clientHeight + 1) return true;
    }
    if (scrolls(cs.overflowY) && n !== doc.body) return false; // a scroll box brings it into view
    if (cs.position === 'fixed') return r.bottom > vh || n.getBoundingClientRect().bottom > vh + 1;
  }
  const root = win.getComputedStyle(doc.documentElement);
  const body = doc.body ? win.getComputedStyle(doc.body) : root;
  const pageScrolls = ![root.overflowY, body.overflowY].some((o) => o === 'hidden' || o === 'clip');
  return !pageScrolls && r.bottom > vh;
}

/** Where a floating card can live: the modal <dialog> around the form (the rest of the page is inert then), else the body. */
export function dockParent(anchor: Element): Element {
  const dlg = anchor.closest('dialog');
  return dlg && dlg.matches(':modal') ? dlg : (anchor.ownerDocument.body ?? anchor.ownerDocument.documentElement);
}

/** The box the form sits in (a modal's sheet, a card): its widest ancestor still narrower than the window. */
function formBox(anchor: Element, vw: number): DOMRect {
  let box = anchor.getBoundingClientRect();
  for (let n = anchor.parentElement; n && n !== anchor.ownerDocument.body; n = n.parentElement) {
    const r = n.getBoundingClientRect();
    if (r.width >= vw * 0.9) break;
    if (r.width > box.width) box = r;
  }
  return box;
}

/** Beside the form's box: right of it when there is room, else left of it, else against the window's right edge. */
export function floatPosition(anchor: Element): { left: number; top: number; maxHeight: number } {
  const win = anchor.ownerDocument.defaultView!;
  const vw = win.innerWidth;
  const vh = win.innerHeight;
  const a = formBox(anchor, vw);
  const width = Math.min(FLOAT_WIDTH, vw - 2 * EDGE);
  const left = vw - a.right - GAP >= width + EDGE ? a.right + GAP : a.left - GAP >= width + EDGE ? a.left - GAP - width : vw - width - EDGE;
  const top = Math.min(Math.max(a.top, EDGE), Math.max(EDGE, vh - 320));
  return { left: Math.round(left), top: Math.round(top), maxHeight: Math.round(vh - top - EDGE) };
}
