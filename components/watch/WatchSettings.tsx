import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DEFAULT_BACKEND_URL } from '@/lib/prefs';
import { watchMessages } from '@/lib/i18n/watch';
import { findingText } from '@/lib/i18n';
import { countBySeverity, type Finding } from '@/lib/findings';
import { BACKEND_CODE, isProblem, type WatchResult } from '@/lib/watch/record';
import { ENCRYPTION_LABELS } from '@/lib/crm-labels';
import { useLang, useT } from '../lang';
import { WatchFindings } from './WatchFindings';
import { formatTime, setWatchEnabled, useWatchView, WATCH_PERMISSIONS } from './watch-storage';

/**
 * Instellingen › "Controleer mijn instellingen dagelijks" (issue 13): off by default; turning it on asks
 * for the optional permissions right there, in the click. Below it the last 10 checks with what changed.
 */
export function WatchSettings({ backendUrl }: { backendUrl?: string }) {
  const t = useT(watchMessages);
  const view = useWatchView();
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  // Opened from a notification (options.html#watch-<code>): scroll to that finding once it is shown.
  useEffect(() => {
    const id = location.hash.slice(1);
    if (!view || !id.startsWith('watch-')) return;
    const el = document.getElementById(id) ?? document.getElementById('watch');
    el?.scrollIntoView({ block: 'center' });
    el?.classList.add('watch-target');
  }, [view]);

  if (!view) return null;
  const toggle = (on: boolean) => {
    setProblem('');
    if (!on) {
      void setWatchEnabled(false);
      return;
    }
    setBusy(true);
    // The request must be the first thing in the click (Firefox refuses it after an await). Only what the
    // manifest lists as optional is asked for (Firefox has "alarms" as a plain permission).
    const optional = new Set(browser.runtime.getManifest().optional_permissions ?? []);
    const ask = WATCH_PERMISSIONS.filter((p) => optional.has(p as never));
    const request = ask.length
      ? browser.permissions.request({ permissions: ask as Parameters<typeof browser.permissions.request>[0]['permissions'] })
      : Promise.resolve(true);
    request
      .catch(() => false)
      .then(async (granted) => {
        if (granted) await setWatchEnabled(true);
        else setProblem(t('denied'));
      })
      .finally(() => setBusy(false));
  };

  return (
    <section class="field settings-group" id="watch" aria-labelledby="watch-heading" data-watch={view.enabled ? 'on' : 'off'}>
      <h2 id="watch-heading">{t('heading')}</h2>
      <label class="check">
        <input type="checkbox" id="watch-toggle" checked={view.enabled} disabled={busy} aria-describedby="watch-explain watch-permissions watch-problem" onChange={(e) => toggle(e.currentTarget.checked)} />{' '}
        {t('toggle')}
      </label>
      <p id="watch-explain" class="help">
        {t('explain', { url: backendUrl ?? DEFAULT_BACKEND_URL })}
      </p>
      <p id="watch-permissions" class="help">
        {t('permissions')}
      </p>
      <p id="watch-problem" class={problem ? 'finding finding-error' : 'status'} aria-live="polite">
        {problem}
      </p>
      <p role="status" class="status" data-testid="watch-status">
        {view.enabled ? t('on') : t('off')}
      </p>
      <WatchHistory history={view.state.history} />
    </section>
  );
}

function WatchHistory({ history }: { history: readonly WatchResult[] }) {
  const t = useT(watchMessages);
  const lang = useLang();
  if (!history.length) return <p class="muted">{t('historyEmpty')}</p>;
  const newestFirst = [...history].reverse();
  const codes = (list: string[], findings: readonly Finding[]) =>
    list.map((c) => {
      const f = findings.find((x) => x.code === c);
      return f ? `${c} (${findingText(f, lang).split(/(?<=\.)\s/)[0]})` : c;
    });
  return (
    <div data-testid="watch-history">
      <h3>{t('history', { count: history.length })}</h3>
      <ol class="watch-history">
        {newestFirst.map((r, i) => {
          const counts = countBySeverity(r.findings.filter(isProblem));
          const before = newestFirst[i + 1]?.findings ?? [];
          return (
            <li key={r.at} data-watch-result={r.at} data-backend={r.backend}>
              <p>
                <strong>{formatTime(r.at, lang)}</strong> ·{' '}
                {t('target', { host: r.target.host, port: r.target.port, encryption: ENCRYPTION_LABELS[r.target.encryption as keyof typeof ENCRYPTION_LABELS] ?? r.target.encryption })} ·{' '}
                {r.backend === 'unreachable' && r.findings.length === 1 && r.findings[0]!.code === BACKEND_CODE ? '' : t('counts', { errors: counts.error, warnings: counts.warning })}
              </p>
              {r.added.length > 0 && (
                <p class="watch-added" data-added={r.added.join(' ')}>
                  {t('added', { codes: codes(r.added, r.findings).join('; ') })}
                </p>
              )}
              {r.removed.length > 0 && (
                <p class="watch-removed" data-removed={r.removed.join(' ')}>
                  {t('removed', { codes: codes(r.removed, before).join('; ') })}
                </p>
              )}
              {r.added.length === 0 && r.removed.length === 0 && <p class="muted">{t('unchanged')}</p>}
              <WatchFindings findings={r.findings} anchors={i === 0} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}
