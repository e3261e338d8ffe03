import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// Four projects: pure lib (node), UI components (happy-dom), the backend (node, real servers),
// and end-to-end (real Chromium with the built extension; run after `npm run build:test`).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'lib', environment: 'node', include: ['lib/**/*.test.ts'] } },
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'ui',
          environment: 'happy-dom',
          include: ['components/**/*.test.{ts,tsx}', 'entrypoints/**/*.test.{ts,tsx}'],
        },
      },
      { test: { name: 'server', environment: 'node', include: ['server/**/*.test.ts'], setupFiles: ['server/testing/secrecy-setup.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
