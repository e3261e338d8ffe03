import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { crmMatches } from './lib/crm-matches';
import { checkBackendUrl } from './lib/prefs';

// CRM_MATCHES (comma-separated match patterns) adds CRM origins at build time, e.g. for tests.
const matches = crmMatches(process.env.CRM_MATCHES);
// The daily check's permissions (issue 13) are optional: asked for when the admin turns the check on.
// WATCH_GRANTED=1 (the test build only) grants them at install, because a test cannot click the browser's prompt.
const WATCH_PERMISSIONS = ['alarms', 'notifications'];
const watchGranted = process.env.WATCH_GRANTED === '1';

// BACKEND_URL sets the extension's default backend at build time (a hosted service: https://…).
function backendUrl(raw: string | undefined): string {
  if (!raw) return '';
  const r = checkBackendUrl(raw);
  if (!r.ok) throw new Error(`BACKEND_URL "${raw}": ${r.problem === 'not-https' ? 'an address outside this computer must start with https://' : r.problem === 'has-path' ? 'give only the origin, without a path' : 'not a valid URL'}`);
  return r.url;
}
const defaultBackend = backendUrl(process.env.BACKEND_URL);

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Every import is written out: no auto-imported globals (folder rules in docs/ARCHITECTURE.md).
  imports: false,
  srcDir: '.',
  // A test build (CRM_MATCHES set) goes to its own folder so it never ships by mistake.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()], define: { __BACKEND_URL__: JSON.stringify(defaultBackend) } }),
  // The sources archive (for AMO review) holds what builds the extension, not test output.
  zip: { excludeSources: ['test-results/**', '.sz/**', '.output/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'nl',
    // Firefox refuses "alarms" as an optional permission (web-ext lint); it shows no install warning there.
    permissions: ['storage', 'activeTab', 'scripting', ...(watchGranted ? WATCH_PERMISSIONS : browser === 'firefox' ? ['alarms'] : [])],
    ...(watchGranted ? {} : { optional_permissions: browser === 'firefox' ? ['notifications'] : WATCH_PERMISSIONS }),
    host_permissions: matches,
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'mailserver-assistent@perfectview-tools.nl',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
