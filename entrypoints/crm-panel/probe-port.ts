import type { browser } from 'wxt/browser';
import type { ProbeStep } from '@/lib/api';
import { isProbeResultMessage, isProbeStepMessage, PROBE_PORT } from '@/messaging/content-command';
import { panelT } from '@/components/panel/panel-texts';
import type { ProbeView } from '@/components/panel/SmtpPanel';
import type { PanelHost } from '../crm.content/panel-contract';

/**
 * "Controleren" (called only for a real click): the form's values go to the background, which asks the
 * backend, over our own Port (pages cannot connect to it): each step as the backend completes it, then the result.
 * The form's own Wachtwoord goes along only with password authentication, and only after the admin agreed
 * on this page (`consent`: undefined = not asked yet, so the panel asks; false = test without it).
 */
export function runProbe(host: PanelHost, onStep: (step: ProbeStep) => void, consent?: boolean): Promise<ProbeView> {
  const { s } = host;
  const { values, password } = host.formValues();
  if (!values.host || !values.port || !values.encryption) return Promise.resolve({ state: 'incomplete' });
  const formPassword = values.authMethod === 'password' && password ? password : undefined;
  if (consent) s.passwordConsent = true;
  if (formPassword && !s.passwordConsent && consent === undefined) return Promise.resolve({ state: 'consent', url: s.data.backendUrl });
  const pw = s.passwordConsent && consent !== false ? formPassword : undefined;
  const noAnswer: ProbeView = { state: 'error', text: panelT(s.data.lang)('probeNoAnswer'), findings: [] };
  let port: ReturnType<typeof browser.runtime.connect>;
  try {
    port = host.browser.runtime.connect({ name: PROBE_PORT });
  } catch {
    return Promise.resolve(noAnswer); // the extension was reloaded under this page
  }
  return new Promise((resolve) => {
    let done = false;
    const finish = (view: ProbeView) => {
      if (done) return;
      done = true;
      resolve(view);
      port.disconnect();
    };
    port.onMessage.addListener((m: unknown) => {
      if (isProbeStepMessage(m)) {
        if (!done) onStep(m.step);
      } else if (isProbeResultMessage(m)) {
        const res = m.response;
        if (!res.ok) finish(res.kind === 'unreachable' ? { state: 'down', url: res.backendUrl } : { state: 'error', text: res.message, findings: res.findings ?? [] });
        else finish({ state: 'done', report: res.report, password: res.password, current: values.encryption });
      }
    });
    port.onDisconnect.addListener(() => finish(noAnswer));
    port.postMessage({ type: 'crm/probe', values, lang: s.data.lang, ...(pw ? { password: pw } : {}) });
  });
}
