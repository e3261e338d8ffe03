import { useContext, useEffect, useState } from 'preact/hooks';
import { checkBackendUrl, DEFAULT_BACKEND_URL, DEFAULT_CRM_RANGE } from '@/lib/prefs';
import type { Finding } from '@/lib/findings';
import type { Lang } from '@/lib/i18n';
import { wizardMessages } from '@/lib/i18n/wizard';
import { useT } from '@/components/lang';
import { FindingList } from '@/components/FindingList';
import { lazyView } from '@/components/lazy-view';
import { BackendContext } from '../backend';
import { isLoopbackUrl } from '@/lib/prefs';
import { loadApiKey, saveApiKey } from '@/services/backend-key';
import type { StepProps } from '../step-props';
import { SubmitForm } from '@/components/SubmitForm';

/** The daily check's switch and history (components/watch): its own chunk, so this view renders at once. */
const WatchSettings = lazyView<{ backendUrl?: string }>(() => import('@/components/watch/WatchSettings').then((m) => m.WatchSettings));

/** Instellingen: backend URL (+ Verbinding testen), API key (storage.local, never exported), language, CRM range override. */
export function SettingsView({ state, updatePrefs }: StepProps) {
  const t = useT(wizardMessages);
  const makeClient = useContext(BackendContext);
  const [url, setUrl] = useState(state.prefs.backendUrl ?? DEFAULT_BACKEND_URL);
  const [range, setRange] = useState(state.prefs.crmRange ?? DEFAULT_CRM_RANGE);
  const [urlProblem, setUrlProblem] = useState<string>('');
  const [rangeFindings, setRangeFindings] = useState<Finding[]>([]);
  const [status, setStatus] = useState('');
  const [health_, setHealth] = useState<{ ok: boolean; text: string } | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [keyStatus, setKeyStatus] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void loadApiKey().then((k) => setApiKey(k ?? ''));
  }, []);

  const saveKey = async () => {
    const ok = await saveApiKey(apiKey);
    setKeyStatus(ok ? { ok: true, text: t(apiKey.trim() ? 'set.apiKeySaved' : 'set.apiKeyCleared') } : { ok: false, text: t('set.apiKeyBad') });
  };

  const saveUrl = async (): Promise<string | undefined> => {
    const r = checkBackendUrl(url);
    if (!r.ok) {
      setUrlProblem(t(`set.backend.${r.problem}`));
      return undefined;
    }
    setUrlProblem('');
    setUrl(r.url);
    await updatePrefs({ backendUrl: r.url });
    return r.url;
  };

  const test = async () => {
    const u = await saveUrl();
    if (!u) return;
    setHealth(null);
    const h = await makeClient(u).health();
    if (h.ok) setHealth({ ok: true, text: t('set.testOk', { version: h.data.version, store: h.data.store }) });
    else if (h.kind === 'unreachable') setHealth({ ok: false, text: t(isLoopbackUrl(u) ? 'set.testFail' : 'set.testFailRemote', { url: u }) });
    else setHealth({ ok: false, text: h.message });
  };

  const saveRange = async () => {
    const { parseCrmRange } = await import('@/lib/crm-range');
    const r = parseCrmRange(range);
    setRangeFindings(r.findings);
    if (!r.ok) return;
    await updatePrefs({ crmRange: range.trim() });
    setStatus(t('set.saved'));
  };

  return (
    <div>
      <p>{t('set.lead')}</p>
      <div class="field">
        <label for="set-lang">{t('set.lang')}</label>
        <select
          id="set-lang"
          value={state.prefs.lang ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            void updatePrefs({ lang: v === 'nl' || v === 'en' ? (v as Lang) : undefined });
          }}
        >
          <option value="">{t('set.lang.auto')}</option>
          <option value="nl" lang="nl">
            {t('set.lang.nl')}
          </option>
          <option value="en" lang="en">
            {t('set.lang.en')}
          </option>
        </select>
      </div>

      <SubmitForm class="field settings-group" onSubmit={() => saveUrl().then((u) => u && setStatus(t('set.saved')))}>
        <label for="set-backend">{t('set.backend')}</label>
        <input
          id="set-backend"
          type="url"
          value={url}
          spellcheck={false}
          aria-invalid={urlProblem ? true : undefined}
          aria-describedby="set-backend-help set-backend-problem"
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <p id="set-backend-help" class="help">
          {t('set.backendHelp', { url: DEFAULT_BACKEND_URL })}
        </p>
        <p id="set-backend-problem" class={urlProblem ? 'finding finding-error' : 'status'} aria-live="polite">
          {urlProblem}
        </p>
        <div class="row">
          <button type="submit" class="primary">
            {t('set.save')}
          </button>
          <button type="button" class="secondary" onClick={test}>
            {t('set.test')}
          </button>
          <button type="button" class="link" onClick={() => setUrl(DEFAULT_BACKEND_URL)}>
            {t('set.reset')}
          </button>
        </div>
        <p role="status" class={health_ ? (health_.ok ? 'finding finding-info' : 'finding finding-error') : 'status'} data-testid="health-status">
          {health_?.text}
        </p>
      </SubmitForm>

      <SubmitForm class="field settings-group" onSubmit={() => saveKey()}>
        <label for="set-api-key">{t('set.apiKey')}</label>
        <input
          id="set-api-key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={apiKey}
          aria-describedby="set-api-key-help set-api-key-status"
          aria-invalid={keyStatus && !keyStatus.ok ? true : undefined}
          onInput={(e) => setApiKey(e.currentTarget.value)}
        />
        <p id="set-api-key-help" class="help">
          {t('set.apiKeyHelp')}
        </p>
        <div class="row">
          <button type="submit" class="primary">
            {t('set.save')}
          </button>
          <button
            type="button"
            class="link"
            onClick={() => {
              setApiKey('');
              void saveApiKey('').then(() => setKeyStatus({ ok: true, text: t('set.apiKeyCleared') }));
            }}
          >
            {t('set.apiKeyClear')}
          </button>
        </div>
        <p id="set-api-key-status" role="status" class={keyStatus ? (keyStatus.ok ? 'status' : 'finding finding-error') : 'status'} data-testid="api-key-status">
          {keyStatus?.text}
        </p>
      </SubmitForm>

      <SubmitForm class="field settings-group" onSubmit={() => saveRange()}>
        <label for="set-range">{t('set.range')}</label>
        <input id="set-range" class="medium" type="text" value={range} spellcheck={false} aria-describedby="set-range-help set-range-findings" onInput={(e) => setRange(e.currentTarget.value)} />
        <p id="set-range-help" class="help">
          {t('set.rangeHelp', { range: DEFAULT_CRM_RANGE })}
        </p>
        <FindingList id="set-range-findings" findings={rangeFindings} />
        <div class="row">
          <button type="submit" class="primary">
            {t('set.save')}
          </button>
          <button type="button" class="link" onClick={() => setRange(DEFAULT_CRM_RANGE)}>
            {t('set.reset')}
          </button>
        </div>
      </SubmitForm>
      <p role="status" class="status">
        {status}
      </p>
      <WatchSettings backendUrl={state.prefs.backendUrl} />
    </div>
  );
}
