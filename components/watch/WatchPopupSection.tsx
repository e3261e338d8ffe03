import { watchMessages } from '@/lib/i18n/watch';
import { badgeFor, BACKEND_CODE } from '@/lib/watch/record';
import { useLang, useT } from '../lang';
import { WatchFindings } from './WatchFindings';
import { formatTime, useWatchView } from './watch-storage';

/**
 * The popup's "Laatste controle": the daily check's last time and findings. Loaded lazily by the popup;
 * no zod here (the stored state is read with hand-written guards, lib/watch/record.ts).
 */
export function WatchPopupSection() {
  const t = useT(watchMessages);
  const lang = useLang();
  const view = useWatchView();
  if (!view || (!view.enabled && view.state.history.length === 0)) return null;
  const last = view.state.history.at(-1);
  const badge = last ? badgeFor(last.findings) : undefined;
  return (
    <section aria-labelledby="p-watch" data-testid="watch-last" data-watch-at={last?.at ?? ''} data-watch-badge={badge?.text ?? ''}>
      <h2 id="p-watch">{t('lastCheck')}</h2>
      {!last ? (
        <p class="muted">{t('never')}</p>
      ) : (
        <>
          <p data-testid="watch-time">{t('lastCheckAt', { time: formatTime(last.at, lang) })}</p>
          {last.backend === 'unreachable' && last.findings.some((f) => f.code !== BACKEND_CODE) && <p class="note">{t('backendDown')}</p>}
          {last.findings.length === 0 ? <p class="good">{t('allGood')}</p> : <WatchFindings findings={last.findings} />}
        </>
      )}
    </section>
  );
}
