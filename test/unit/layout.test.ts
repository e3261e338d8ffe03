import { describe, expect, it, vi } from 'vitest';
import { ESLint } from 'eslint';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The folder rules of docs/ARCHITECTURE.md ("Folders and what they may import") are ESLint rules; these
// tests prove each rule fires on a file that breaks it, and that the DOM readers and the message
// protocol stay free of extension and page globals (the platform comes in as a parameter).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });
// ESLint's first start (typescript-eslint) takes seconds on a loaded machine: not a timing assertion.
vi.setConfig({ testTimeout: 60_000 });

async function folderErrors(file: string, code: string): Promise<string[]> {
  const [res] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (res?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder rules (ESLint)', () => {
  it.each([
    ['lib/x.ts', "import { a } from '@/components/FindingList';"],
    ['lib/x.ts', "import { a } from '../messaging/messages';"],
    ['lib/x.ts', "import { browser } from 'wxt/browser';"],
    ['lib/x.ts', "import { h } from 'preact';"],
    ['server/x.ts', "import { a } from '../dom/crm-form-locator';"],
    ['server/x.ts', "import { a } from '../services/backend-client';"],
    ['dom/x.ts', "import { a } from '@/messaging/messages';"],
    ['dom/x.ts', "import { browser } from 'wxt/browser';"],
    ['messaging/x.ts', "import { a } from '@/services/settings-store';"],
    ['services/x.ts', "import { a } from '@/background/crm-router';"],
    ['background/x.ts', "import { a } from '@/components/FindingList';"],
    ['components/x.tsx', "import { a } from '@/entrypoints/options/App';"],
    ['components/panel/x.tsx', "import { a } from '../../background/crm-router';"],
    ['components/popup/x.test.tsx', "import { a } from '@/entrypoints/popup/Popup';"],
    ['components/popup/x.test.tsx', "import { a } from '@/server/app';"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await folderErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['lib/x.ts', "import { a } from './settings';"],
    ['server/x.ts', "import { a } from '../lib/settings';"],
    ['dom/x.ts', "import { a } from '@/lib/settings';"],
    ['messaging/x.ts', "import { a } from '@/lib/api';"],
    ['services/x.ts', "import { a } from '@/messaging/messages';"],
    ['background/x.ts', "import { a } from '@/services/backend-client';"],
    ['components/x.tsx', "import { a } from '@/services/crm-tab';"],
    ['components/popup/x.test.tsx', "import { a } from '@/background/page-router';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await folderErrors(file, code)).toEqual([]);
  });
});

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const sources = (folder: string) =>
  walk(join(ROOT, folder))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => ({ file: relative(ROOT, f), code: readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/g, '""') }));

describe('dom/ and messaging/ take the platform as a parameter', () => {
  it.each(sources('dom').map((s) => [s.file, s.code] as const))('%s uses no global document, window, browser or chrome', (_, code) => {
    expect(code).not.toMatch(/(?<![\w.$])(document|window|browser|chrome)\s*[.[(]/);
  });
  it.each(sources('messaging').map((s) => [s.file, s.code] as const))('%s uses no DOM, browser or fetch', (_, code) => {
    expect(code).not.toMatch(/(?<![\w.$])(document|window|browser|chrome|fetch)\s*[.[(]/);
  });
});
