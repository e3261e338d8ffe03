import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// lib/ is pure: no platform APIs, so it runs in the popup, the content script, the worker and the backend alike.

const LIB = fileURLToPath(new URL('.', import.meta.url));
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const SOURCES = walk(LIB)
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => ({ file: relative(LIB, f), text: readFileSync(f, 'utf8') }));

/** The code without comments and string/template literals, so prose ("in uw browser.") does not count. */
const codeOnly = (src: string) =>
  src.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, '""');
const imports = (src: string) => [...src.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

const FORBIDDEN_GLOBALS: [string, RegExp][] = [
  ['browser', /(?<![\w.$])browser\b/],
  ['chrome.', /(?<![\w.$])chrome\s*\./],
  ['document', /(?<![\w.$])document\b/],
  ['window', /(?<![\w.$])window\b/],
  ['fetch', /(?<![\w.$])fetch\b/],
];

describe('lib/ purity', () => {
  it('finds the sources', () => {
    expect(SOURCES.map((s) => s.file)).toEqual(expect.arrayContaining(['rules.ts', 'settings.ts', 'crm-range.ts', join('i18n', 'findings.ts')]));
  });

  it.each(SOURCES.map((s) => [s.file, s] as const))('%s uses no browser, DOM or fetch globals', (_, { text }) => {
    const code = codeOnly(text);
    expect(FORBIDDEN_GLOBALS.filter(([, re]) => re.test(code)).map(([name]) => name)).toEqual([]);
  });

  it.each(SOURCES.map((s) => [s.file, s] as const))('%s imports nothing from node:*, Node built-ins or wxt', (_, { text }) => {
    const bad = imports(text).filter((m) => m.startsWith('node:') || m === 'wxt' || m.startsWith('wxt/') || m.startsWith('@wxt-dev/') || /^(fs|path|net|tls|dns|crypto|os|child_process|http|https|url)$/.test(m));
    expect(bad).toEqual([]);
  });

  it('uses zod/mini, never the full zod', () => {
    const full = SOURCES.filter((s) => imports(s.text).some((m) => m === 'zod' || m.startsWith('zod/v'))).map((s) => s.file);
    expect(full).toEqual([]);
  });

  it('only crm-range.ts imports ip-cidr, and no other lib module imports crm-range (the popup must not bundle it)', () => {
    const ipCidr = SOURCES.filter((s) => imports(s.text).includes('ip-cidr')).map((s) => s.file);
    expect(ipCidr).toEqual(['crm-range.ts']);
    // Resolve each import to a lib-relative path: lib/i18n/crm-range.ts (texts only) is fine.
    const target = (file: string, m: string) =>
      m.startsWith('.') ? join(dirname(file), m) : m.startsWith('@/lib/') ? m.slice('@/lib/'.length) : m.startsWith('~/lib/') ? m.slice('~/lib/'.length) : m;
    const crmRange = SOURCES.filter((s) => s.file !== 'crm-range.ts' && imports(s.text).some((m) => target(s.file, m).replace(/\.ts$/, '') === 'crm-range')).map((s) => s.file);
    expect(crmRange).toEqual([]);
  });

  it('the checker catches what it should', () => {
    const hits = (src: string) => FORBIDDEN_GLOBALS.filter(([, re]) => re.test(codeOnly(src))).map(([n]) => n);
    expect(hits('const x = document.title;')).toEqual(['document']);
    expect(hits('await fetch(url)')).toEqual(['fetch']);
    expect(hits('chrome.runtime.id')).toEqual(['chrome.']);
    expect(hits('// the browser does this\nconst t = "open window";')).toEqual([]);
    expect(hits('el.ownerDocument; opts.fetchTimeout; x.window')).toEqual([]);
    expect(imports("import { x } from 'node:fs';\nconst y = await import('wxt/browser');")).toEqual(['node:fs', 'wxt/browser']);
  });
});
