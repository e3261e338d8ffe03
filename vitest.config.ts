import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Four projects: pure lib, dom (the CRM page readers, happy-dom per file) and messaging (node); UI components,
// background and services (happy-dom), the backend (node, real servers),
// and end-to-end (real Chromium with the built extension; run after `npm run build:test`).
export default defineConfig({
  test: {
    projects: [
      { resolve: { alias: { '@': root } }, test: { name: 'lib', environment: 'node', include: ['{lib,dom,messaging,test/unit}/**/*.test.{ts,tsx}'] } },
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'ui',
          environment: 'happy-dom',
          include: ['{components,entrypoints,background,services}/**/*.test.{ts,tsx}'],
        },
      },
      { test: { name: 'server', environment: 'node', include: ['server/**/*.test.{ts,tsx}'], setupFiles: ['server/testing/secrecy-setup.ts'], testTimeout: 20_000 } },
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
