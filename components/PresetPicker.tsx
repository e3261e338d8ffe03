import { useMemo, useState } from 'preact/hooks';
import { PRESETS, presetToDraft, type Preset } from '@/lib/presets';
import type { SettingsDraft } from '@/lib/settings';
import { commonMessages } from '@/lib/i18n/common';
import { AUTH_LABELS, ENCRYPTION_LABELS } from '@/lib/crm-labels';
import { normalizeHost } from '@/lib/host-name';
import { parsePort } from '@/lib/port';
import { useT } from './lang';

export interface PresetPickerProps {
  onPick: (preset: Preset) => void;
  /** The popup shows only the featured buttons. */
  featuredOnly?: boolean;
  presets?: readonly Preset[];
  /** The preset whose server the draft holds now (shown as pressed). */
  activeId?: string;
}

/** Matches a preset by name, id, host or one of its domains. */
function matchesPreset(p: Preset, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return [p.name, p.id, p.host, ...p.domains].some((s) => s.toLowerCase().includes(q));
}

/** Featured providers as buttons, every other preset in a searchable list. */
export function PresetPicker({ onPick, featuredOnly, presets = PRESETS, activeId }: PresetPickerProps) {
  const t = useT(commonMessages);
  const [query, setQuery] = useState('');
  const featured = presets.filter((p) => p.featured);
  const others = useMemo(() => presets.filter((p) => !p.featured).sort((a, b) => a.name.localeCompare(b.name)), [presets]);
  const shown = others.filter((p) => matchesPreset(p, query));
  return (
    <div class="presets">
      <div role="group" aria-label={t('presets.featured')} class="preset-buttons">
        {featured.map((p) => (
          <button type="button" key={p.id} class={p.id === activeId ? 'preset active' : 'preset'} aria-pressed={p.id === activeId} onClick={() => onPick(p)}>
            {p.name}
          </button>
        ))}
      </div>
      {!featuredOnly && (
        <details class="preset-more">
          <summary>{t('presets.more', { count: others.length })}</summary>
          <div class="preset-search">
          <label for="preset-search">{t('presets.search')}</label>
          <input
            id="preset-search"
            type="search"
            value={query}
            aria-describedby="preset-search-hint"
            aria-controls="preset-results"
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <p id="preset-search-hint" class="help">
            {t('presets.searchHint')}
          </p>
          <ul id="preset-results" class="preset-list" aria-label={t('presets.search')}>
            {shown.map((p) => (
              <li key={p.id}>
                <button type="button" class="preset-item" onClick={() => onPick(p)}>
                  <span>{p.name}</span>{' '}
                  <span class="muted">
                    {p.host}:{p.port}
                    {p.verified === false && ` · ${t('presets.unverified')}`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {shown.length === 0 && <p class="help">{t('presets.none')}</p>}
          </div>
        </details>
      )}
    </div>
  );
}

/** The draft fields a preset sets; keeps the chosen mode when the preset allows it and a typed user name. */
export function presetPatch(p: Preset, current: SettingsDraft, ctx: { domain?: string } = {}): Partial<SettingsDraft> {
  const patch: Partial<SettingsDraft> = presetToDraft(p, ctx);
  // No mode chosen yet means the wizard's default, relay (step B shows it preselected).
  const mode = current.mode ?? 'relay';
  if ((p.modes as readonly string[]).includes(mode)) patch.mode = mode;
  if (current.username?.trim()) delete patch.username;
  return patch;
}

/** The preset without a readable provider page (verified: false) whose server a draft holds, if any. */
export function unverifiedPresetFor(draft: { host?: string; port?: number | string }, presets: readonly Preset[] = PRESETS): Preset | undefined {
  const host = draft.host && normalizeHost(draft.host);
  return presets.find((p) => p.verified === false && p.host === host && p.port === parsePort(draft.port));
}

/** The preset whose server (host and port) a draft holds, featured ones first. */
export function activePresetFor(draft: { host?: string; port?: number | string }, presets: readonly Preset[] = PRESETS): Preset | undefined {
  const host = draft.host && normalizeHost(draft.host);
  if (!host) return undefined;
  const hits = presets.filter((p) => p.host === host && p.port === parsePort(draft.port));
  return hits.find((p) => p.featured) ?? hits[0];
}

type CommonT = (key: keyof (typeof commonMessages)['nl'], p?: Record<string, string | number>) => string;

/**
 * Every field a preset changes, in the CRM's words ("Hostnaam: smtp.gmail.com"), and the mode change on
 * its own, so nothing changes without being said.
 */
function describePresetChanges(patch: Partial<SettingsDraft>, current: SettingsDraft, t: CommonT): { fields: string[]; mode?: string } {
  const fields: string[] = [];
  const changed = <K extends keyof SettingsDraft>(k: K) => patch[k] !== undefined && String(patch[k]) !== String(current[k] ?? '');
  if (changed('host')) fields.push(`Hostnaam: ${patch.host}`);
  if (changed('port')) fields.push(`Poortnummer: ${patch.port}`);
  if (changed('encryption')) fields.push(`Encryptie: ${ENCRYPTION_LABELS[patch.encryption as keyof typeof ENCRYPTION_LABELS] ?? patch.encryption}`);
  if (changed('authMethod')) fields.push(`Authenticatie: ${AUTH_LABELS[patch.authMethod as keyof typeof AUTH_LABELS] ?? patch.authMethod}`);
  if (changed('username')) fields.push(`Gebruikersnaam: ${patch.username || t('presets.emptied')}`);
  const from = current.mode ?? 'relay';
  const mode = patch.mode && patch.mode !== from ? t('presets.modeChanged', { from: t(`mode.${from}` as 'mode.relay'), to: t(`mode.${patch.mode}` as 'mode.relay') }) : undefined;
  return { fields, ...(mode ? { mode } : {}) };
}

/** The one status line after a preset was chosen: what it filled in, and a changed mode said out loud. */
export function presetAppliedText(p: Preset, patch: Partial<SettingsDraft>, current: SettingsDraft, t: CommonT): string {
  const c = describePresetChanges(patch, current, t);
  const head = c.fields.length ? t('presets.appliedFields', { name: p.name, fields: c.fields.join('; ') }) : t('presets.unchanged', { name: p.name });
  return c.mode ? `${head} ${c.mode}` : head;
}
