import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { crmMatches } from './lib/crm-matches';
import { checkBackendUrl } from './lib/prefs';

// CRM_MATCHES (comma-separated match patterns) adds CRM origins at build time, e.g. for tests.
const matches = crmMatches(process.env.CRM_MATCHES);

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
    permissions: ['storage', 'activeTab', 'scripting'],
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
