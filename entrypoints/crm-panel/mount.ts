import { render, type ComponentChild } from 'preact';
import { PANEL_CSS } from '@/components/panel/styles';
import { PANEL_TAG } from '../crm.content/panel-contract';
import { dockParent, FLOAT_WIDTH, floatPosition, inlineBlocked } from './dock';

export type Placement = { kind: 'after'; anchor: Element } | { kind: 'append'; anchor: Element };

export interface MountedPanel {
  host: HTMLElement;
  anchor: Element;
  update(vnode: ComponentChild): void;
  remove(): void;
}

/**
 * <mailserver-assistent> with an open shadow root (styles isolated both ways), placed after or inside
 * the anchor. Open, so tests and assistive tech can see in; page scripts that reach in can only
 * synthesise untrusted clicks, which the panel ignores (components/panel/guard.ts).
 *
 * Kept instead of WXT's createShadowRootUi: that one is async, brings @webext-core/isolated-element, a CSS
 * splitter and a logger into the panel's script (size budget, test/e2e/size.test.ts), and has no notion of
 * the docking below. Both give the same contract: a named custom element with an open shadow root.
 *
 * When the inline place hides the panel or pushes the CRM out of reach (dock.ts), the card docks: fixed,
 * beside the form, data-place="float"; it stays docked for this form.
 */
export function mountPanel(place: Placement, vnode: ComponentChild, attrs: Record<string, string> = {}): MountedPanel {
  const doc = place.anchor.ownerDocument;
  const host = doc.createElement(PANEL_TAG);
  for (const [k, v] of Object.entries(attrs)) host.setAttribute(k, v);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = PANEL_CSS;
  const root = doc.createElement('div');
  shadow.append(style, root);
  if (place.kind === 'after') place.anchor.after(host);
  else place.anchor.append(host);
  render(vnode, root);

  let docked = false;
  const dockIfNeeded = () => {
    if (docked || place.kind !== 'after' || !inlineBlocked(host)) return;
    docked = true;
    host.setAttribute('data-place', 'float');
    dockParent(place.anchor).append(host);
    const pos = floatPosition(place.anchor);
    host.style.cssText = `left:${pos.left}px;top:${pos.top}px;--max-h:${pos.maxHeight}px;width:${FLOAT_WIDTH}px`;
  };
  dockIfNeeded();
  return {
    host,
    anchor: place.anchor,
    update: (v) => {
      render(v, root);
      dockIfNeeded();
    },
    remove() {
      render(null, root);
      host.remove();
    },
  };
}
