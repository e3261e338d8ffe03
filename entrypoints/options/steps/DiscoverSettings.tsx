import { useState } from 'preact/hooks';
import type { DiscoverCandidate, DiscoverResult } from '@/lib/api';
import { presetById } from '@/lib/presets';
import type { SettingsDraft } from '@/lib/settings';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { ENCRYPTION_LABELS } from '@/lib/crm-labels';
import type { BackendClient } from '../backend';
import { isLoopbackUrl } from '@/lib/prefs';
import { SubmitForm } from '@/components/SubmitForm';

export interface DiscoverSettingsProps {
  client: BackendClient;
  backendUrl: string;
  draft: SettingsDraft;
  /** Applies a candidate's settings; `name` is what the status line says was filled in. */
  onApply: (patch: Partial<SettingsDraft>, name: string) => void;
  initialEmail?: string;
}

type State = { phase: 'idle' } | { phase: 'searching' } | { phase: 'down' } | { phase: 'failed'; message: string } | { phase: 'done'; result: DiscoverResult };

/** The draft fields a candidate sets; a user name the admin typed stays. */
function candidatePatch(c: DiscoverCandidate, draft: SettingsDraft): Partial<SettingsDraft> {
  const s = c.settings;
  return {
    host: s.host,
    port: s.port,
    encryption: s.encryption,
    authMethod: s.authMethod,
    ...(s.username && !draft.username?.trim() ? { username: s.username } : {}),
    ...(s.mode ? { mode: s.mode } : {}),
  };
}

const candidateName = (c: DiscoverCandidate) => c.provider ?? `${c.settings.host}:${c.settings.port}`;

/** "Zoek de instellingen bij uw e-mailadres": POST /v1/discover, candidates as buttons, and the domain's SPF/DMARC/MX findings. */
export function DiscoverSettings({ client, backendUrl, draft, onApply, initialEmail = '' }: DiscoverSettingsProps) {
  const t = useT(wizardMessages);
  const [email, setEmail] = useState(initialEmail);
  const [state, setState] = useState<State>({ phase: 'idle' });

  const search = async () => {
    const q = email.trim();
    if (!q) return;
    setState({ phase: 'searching' });
    const r = await client.discover(q.includes('@') ? { email: q } : { domain: q });
    if (r.ok) setState({ phase: 'done', result: r.data });
    else if (r.kind === 'unreachable') setState({ phase: 'down' });
    else setState({ phase: 'failed', message: r.message });
  };

  const result = state.phase === 'done' ? state.result : undefined;
  return (
    <section class="discover" aria-labelledby="c-discover">
      <h3 id="c-discover">{t('C.discover.heading')}</h3>
      <p class="help">{t('C.discover.lead')}</p>
      <SubmitForm class="field" onSubmit={() => search()}>
        <label for="discover-email">{t('C.discover.email')}</label>
        <div class="with-button">
          <input id="discover-email" type="text" inputMode="email" autocomplete="email" spellcheck={false} value={email} aria-describedby="discover-help" onInput={(e) => setEmail(e.currentTarget.value)} />
          <button type="submit" class="secondary" disabled={state.phase === 'searching' || email.trim() === ''}>
            {state.phase === 'searching' ? t('C.discover.searching') : t('C.discover.search')}
          </button>
        </div>
        <p id="discover-help" class="help">
          {t('C.discover.emailHelp')}
        </p>
      </SubmitForm>
      <div aria-live="polite" data-testid="discover-status">
        {state.phase === 'down' && (
          <p class="finding finding-error" data-testid="backend-down">
            {t(isLoopbackUrl(backendUrl) ? 'E.backendDown' : 'E.backendDownRemote', { url: backendUrl })}
          </p>
        )}
        {state.phase === 'failed' && <p class="finding finding-error">{t('C.discover.failed', { message: state.message })}</p>}
        {result && (
          <>
            <p>{result.candidates.length ? t('C.discover.candidates', { domain: result.domain.name }) : t('C.discover.none', { domain: result.domain.name })}</p>
            {result.candidates.length > 0 && (
              <ul class="candidates" data-testid="discover-candidates">
                {result.candidates.map((c, i) => {
                  const unverified = c.presetId ? presetById(c.presetId)?.verified === false : false;
                  return (
                    <li key={i}>
                      <button type="button" class="candidate" data-source={c.source} onClick={() => onApply(candidatePatch(c, draft), candidateName(c))}>
                        <strong>{candidateName(c)}</strong>
                        <span class="muted">
                          {c.provider ? `${c.settings.host}:${c.settings.port} · ` : ''}
                          {ENCRYPTION_LABELS[c.settings.encryption]} · {t(`C.discover.source.${c.source}`)}, {t(`C.discover.confidence.${c.confidence}`)}
                        </span>
                      </button>
                      {unverified && <p class="help">{t('C.unverified', { name: candidateName(c) })}</p>}
                    </li>
                  );
                })}
              </ul>
            )}
            <p class="discover-dns">
              <strong>{t('C.discover.domain', { domain: result.domain.name })}</strong>
            </p>
            <dl class="facts" data-testid="discover-dns">
              <dt>{t('C.discover.mx')}</dt>
              <dd>{result.domain.mx.length ? result.domain.mx.join(', ') : t('C.discover.missing')}</dd>
              <dt>{t('C.discover.spf')}</dt>
              <dd>{result.domain.spf ?? t('C.discover.missing')}</dd>
              <dt>{t('C.discover.dmarc')}</dt>
              <dd>{result.domain.dmarc ?? t('C.discover.missing')}</dd>
            </dl>
            <FindingList findings={result.findings} />
          </>
        )}
      </div>
    </section>
  );
}
