import { win } from './visibility';

/**
 * Whether the Rechten right is on, from whatever its block shows: aria state, a checkbox, data-state,
 * class names, and last the colour rule (a green background is on; red or grey is off).
 */

export type RightState = 'on' | 'off' | 'unknown';

const ON_WORDS = new Set(['active', 'on', 'enabled', 'green', 'checked', 'selected', 'aan', 'ison', 'toggled', 'granted', 'allowed']);
const OFF_WORDS = new Set(['inactive', 'off', 'disabled', 'red', 'grey', 'gray', 'uit', 'isoff', 'denied', 'unchecked']);

/** The colour rule: green is on; red, or a grey that is not near-white, is off; anything else says nothing. */
export function colourState(colour: string): RightState {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/.exec(colour);
  if (!m || m[4] === '0') return 'unknown';
  const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (g > r + 40 && g > b + 20) return 'on';
  if (r > g + 40 || (Math.abs(r - g) < 16 && Math.abs(g - b) < 16 && r < 235)) return 'off';
  return 'unknown';
}

/** On or off, from whatever the block shows: aria state, a checkbox, data-state, class names, a green colour. */
export function rightState(block: Element): RightState {
  const nodes = [block, ...Array.from(block.querySelectorAll('*'))].slice(0, 40);
  for (const n of nodes) {
    for (const attr of ['aria-checked', 'aria-pressed']) {
      const v = n.getAttribute(attr);
      if (v === 'true') return 'on';
      if (v === 'false') return 'off';
    }
    if (n.tagName === 'INPUT' && /^(checkbox|radio)$/i.test((n as HTMLInputElement).type)) return (n as HTMLInputElement).checked ? 'on' : 'off';
  }
  for (const n of nodes) {
    const state = (n.getAttribute('data-state') ?? n.getAttribute('data-status') ?? '').toLowerCase();
    if (ON_WORDS.has(state)) return 'on';
    if (OFF_WORDS.has(state)) return 'off';
    const words = (n.getAttribute('class') ?? '').toLowerCase().split(/[\s_-]+/);
    const joined = (n.getAttribute('class') ?? '').toLowerCase().split(/\s+/).map((c) => c.replace(/[-_]/g, ''));
    if (words.some((w) => OFF_WORDS.has(w)) || joined.some((w) => OFF_WORDS.has(w))) return 'off';
    if (words.some((w) => ON_WORDS.has(w)) || joined.some((w) => ON_WORDS.has(w))) return 'on';
  }
  const w = win(block);
  for (const n of nodes) {
    const state = colourState(w?.getComputedStyle(n).backgroundColor ?? '');
    if (state !== 'unknown') return state;
  }
  return 'unknown';
}
