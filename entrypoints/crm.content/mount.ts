import { render, type ComponentChild } from 'preact';
import { PANEL_CSS } from '@/components/panel/styles';

export const PANEL_TAG = 'mailserver-assistent';
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
 * synthesise untrusted clicks, which the panel ignores.
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
  return {
    host,
    anchor: place.anchor,
    update: (v) => render(v, root),
    remove() {
      render(null, root);
      host.remove();
    },
  };
}
