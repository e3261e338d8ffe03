import { h, type ComponentChild, type FunctionComponent } from 'preact';
import { SmtpPanel, type SmtpPanelProps } from '@/components/panel/SmtpPanel';
import { RightsPanel } from '@/components/panel/RightsPanel';
import { ValidationPanel } from '@/components/panel/ValidationPanel';
import { setPanelTexts } from '@/components/panel/panel-texts';
import type { Kind, PanelHost } from '../crm.content/panel-contract';
import { mountPanel, type MountedPanel } from './mount';
import { panelFill, panelFix, validationFill } from './actions';
import { runProbe } from './probe-port';

// Screens and panels: which panel goes beside which CRM screen, and keeping them in step with the page.

export interface Screens {
  /** Mounts, moves, updates or removes each panel to match the screens found last. */
  sync(): void;
  /** Re-renders the panels (new findings, new data). */
  render(): void;
  has(kind: Kind): boolean;
  removeAll(): void;
}

/** Form fields still empty, for the calm first view ("Nog leeg: Hostnaam, Poortnummer"). */
function emptyFields(host: PanelHost): string[] {
  const { values, password } = host.formValues();
  const out: string[] = [];
  if (!values.host?.trim()) out.push('host');
  if (!String(values.port ?? '').trim()) out.push('port');
  if (!values.encryption) out.push('encryption');
  if (!values.authMethod) out.push('authMethod');
  if (values.authMethod === 'password') {
    if (!values.username?.trim()) out.push('username');
    if (!password) out.push('password');
  }
  return out;
}

export function createScreens(host: PanelHost, report: (probe?: string) => Promise<string>, refresh: () => void): Screens {
  const { s } = host;
  const panels = new Map<Kind, MountedPanel>();

  const vnode = (kind: Kind): ComponentChild => {
    const lang = s.data.lang;
    // The texts came with crm/panel-data (in the panel's language); the lookup lives in this script.
    setPanelTexts(lang, s.data.texts);
    if (kind === 'smtp') {
      return h(SmtpPanel as FunctionComponent<SmtpPanelProps>, {
        lang,
        findings: s.findings,
        data: s.data,
        touched: s.touched,
        empty: emptyFields(host),
        onFill: (presetId) => panelFill(host, presetId).finally(refresh),
        onProbe: (onStep, consent) => runProbe(host, onStep, consent),
        onFix: (fix) => {
          const st = panelFix(host, fix);
          refresh();
          return st;
        },
        report,
        plan: () => {
          const { values } = host.formValues();
          return { encryption: values.encryption, withAuth: values.authMethod === 'password' };
        },
      });
    }
    if (kind === 'rights') return h(RightsPanel, { lang, state: s.screens.rights!.state, onPoint: host.pointAtRight });
    return h(ValidationPanel, { lang, saved: s.data.validation, mailboxMode: s.data.mode === 'mailbox', onFill: () => validationFill(host) });
  };

  const placeFor = (kind: Kind): { anchor: Element; append: boolean; attrs: Record<string, string> } | undefined => {
    if (kind === 'smtp') return s.screens.smtp && { anchor: s.screens.smtp.container, append: false, attrs: {} };
    if (kind === 'validation') return s.screens.validation && { anchor: s.screens.validation.dialog, append: true, attrs: { 'data-place': 'dialog' } };
    // Below the list of blocks; when that list sits in a row of columns, below the whole row.
    const list = s.screens.rights?.block.parentElement;
    if (!list) return undefined;
    const row = list.parentElement;
    const inRow = row && row !== s.doc.body && /flex|grid/.test(s.doc.defaultView?.getComputedStyle(row).display ?? '');
    return { anchor: inRow ? row : list, append: false, attrs: {} };
  };

  return {
    sync() {
      for (const kind of ['smtp', 'rights', 'validation'] as const) {
        const place = placeFor(kind);
        const current = panels.get(kind);
        if (current && (!place || current.anchor !== place.anchor || !current.host.isConnected)) {
          current.remove();
          panels.delete(kind);
        }
        if (!place) continue;
        const p = panels.get(kind);
        if (p) p.update(vnode(kind));
        else panels.set(kind, mountPanel({ kind: place.append ? 'append' : 'after', anchor: place.anchor }, vnode(kind), { ...place.attrs, 'data-screen': kind }));
      }
    },
    render() {
      for (const [kind, p] of panels) p.update(vnode(kind));
    },
    has: (kind) => panels.has(kind),
    removeAll() {
      for (const p of panels.values()) p.remove();
      panels.clear();
    },
  };
}
