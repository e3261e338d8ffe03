// ESLint (flat config): typescript-eslint's recommended rules plus the folder rules of docs/ARCHITECTURE.md
// ("Folders and what they may import"). A folder rule is a no-restricted-imports pattern on both spellings
// of a path: the '@/x/' alias and a relative '../x/'.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** A pattern that refuses imports of the given top-level folders, by alias or relative path. */
const folders = (names, why) => ({
  regex: `^(@/|(\\.\\./)+)(${names.join('|')})(/|$)`,
  message: why,
});
const packages = (names, why) => ({ regex: `^(${names.join('|')})(/|$)`, message: why });

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'dist-server/**', 'test-results/**', 'bench/**', '.sz/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Preact's JSX runtime and the test files use empty functions as no-op callbacks on purpose.
      '@typescript-eslint/no-empty-function': 'off',
      // The AMO lint accepts Preact's innerHTML path only because no component of ours uses it.
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No raw HTML: render text nodes.' }],
      'no-control-regex': 'off', // CR/LF/NUL checks on host names and addresses are the point of those regexes
    },
  },
  { files: ['scripts/**/*.{js,mjs}', '*.{js,mjs}'], languageOptions: { globals: globals.node } },
  { files: ['test/fixtures/**/*.js'], languageOptions: { globals: globals.browser } },
  {
    files: ['lib/**/*.{ts,tsx}'],
    rules: restrict(
      folders(['components', 'entrypoints', 'dom', 'messaging', 'background', 'services', 'server', 'test', 'scripts'], 'lib/ is the pure domain: it imports only lib/.'),
      packages(['wxt', 'preact', '@wxt-dev', 'webextension-polyfill', 'nodemailer', 'hono', 'ioredis', 'pino'], 'lib/ uses no platform or framework: pass the platform in as a parameter.'),
    ),
  },
  {
    files: ['server/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    ignores: ['scripts/bench.ts'],
    rules: restrict(
      folders(['components', 'entrypoints', 'dom', 'messaging', 'background', 'services'], 'server/ imports only lib/ and server/ (never the extension or the DOM readers).'),
      packages(['wxt', 'preact', '@wxt-dev', 'webextension-polyfill'], 'server/ is Node: no extension or UI packages.'),
    ),
  },
  {
    files: ['dom/**/*.{ts,tsx}'],
    rules: restrict(
      folders(['components', 'entrypoints', 'messaging', 'background', 'services', 'server'], 'dom/ reads the CRM page: it imports only lib/ and dom/.'),
      packages(['wxt', 'preact', '@wxt-dev', 'webextension-polyfill'], 'dom/ takes a Document as an argument: no extension APIs.'),
    ),
  },
  {
    files: ['messaging/**/*.{ts,tsx}'],
    rules: restrict(
      folders(['components', 'entrypoints', 'dom', 'background', 'services', 'server'], 'messaging/ is the message protocol: it imports only lib/ and messaging/.'),
      packages(['preact'], 'messaging/ holds no UI.'),
    ),
  },
  {
    files: ['services/**/*.{ts,tsx}'],
    rules: restrict(
      folders(['components', 'entrypoints', 'dom', 'background'], 'services/ (backend client, settings store, tab messaging) imports lib/, messaging/ and services/.'),
    ),
  },
  {
    files: ['background/**/*.{ts,tsx}'],
    rules: restrict(
      folders(['components', 'entrypoints', 'dom'], 'background/ (the policy point) imports lib/, messaging/, services/ and background/.'),
      packages(['preact'], 'background/ holds no UI.'),
    ),
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    ignores: ['components/**/*.test.{ts,tsx}'],
    rules: restrict(folders(['entrypoints', 'background', 'server'], 'components/ are Preact components: they never reach into entrypoints/, background/ or server/.')),
  },
  {
    // A component's test runs the real background handler its component asks (background/page-router.ts), with
    // only the tab stood in: the policy point is a real part, not a mock. Tests still never reach into
    // entrypoints/ or server/. Product components stay under the rule above.
    files: ['components/**/*.test.{ts,tsx}'],
    rules: restrict(folders(['entrypoints', 'server'], 'A component test may wire the real background/ handler, but never entrypoints/ or server/.')),
  },
  {
    // Tests may use `any` for playwright handles into the extension's service worker.
    files: ['**/*.test.{ts,tsx}', 'test/**/*.ts', 'server/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
