// The page around the panel can hide it (opacity, visibility) and lay a decoy over it, so that the admin's
// real click on the decoy lands in the panel (SECURITY.md, "Extension: the page around the panel").
// A control acts only on a trusted event while the panel is really visible where it was used.

/** Opacity below this on the host or any ancestor counts as hidden. */
const MIN_OPACITY = 0.6;

/** Whether the element and every ancestor (through shadow hosts) is displayed, visible and opaque. */
function shownOnScreen(el: Element): boolean {
  let opacity = 1;
  for (let n: Element | null = el; n; n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host || null)) {
    const cs = n.ownerDocument.defaultView?.getComputedStyle(n);
    if (!cs) return false;
    if (cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse' || cs.contentVisibility === 'hidden') return false;
    opacity *= Number(cs.opacity || 1);
    if (opacity < MIN_OPACITY) return false;
    if (cs.filter.includes('opacity(') || cs.clipPath !== 'none') return false;
  }
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

/**
 * A real use of a panel control: trusted, the panel shown, and for a pointer click the point inside the
 * control with the panel on top there (no element of the page above it). A click from the keyboard
 * (detail 0, no point) needs the control to have the focus.
 */
export function realUse(e: Event): boolean {
  if (!e.isTrusted) return false;
  const target = e.currentTarget as Element | null;
  if (!target || !(target instanceof Element)) return false;
  const root = target.getRootNode() as ShadowRoot;
  const host = root.host as HTMLElement | undefined;
  if (!host || !shownOnScreen(target)) return false;
  const m = e as MouseEvent;
  const pointer = e.type === 'click' ? m.detail > 0 || m.clientX !== 0 || m.clientY !== 0 : false;
  if (!pointer) return root.activeElement === target || e.type !== 'click';
  const r = target.getBoundingClientRect();
  if (m.clientX < r.left || m.clientX > r.right || m.clientY < r.top || m.clientY > r.bottom) return false;
  const top = host.ownerDocument.elementsFromPoint(m.clientX, m.clientY)[0];
  if (top !== host) return false;
  const inside = root.elementsFromPoint(m.clientX, m.clientY);
  return inside.includes(target);
}
