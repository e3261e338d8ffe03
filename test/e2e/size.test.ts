import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

// Budgets from issue 11: gzipped JS a page loads at start (entry, modulepreloads, static imports; not lazy chunks).
// Measured at commit time: popup 17.6 KB, options 39.8 KB, content script 11.3 KB (was 24.5 KB before the panel
// loaded lazily), the lazily injected panel 14.4 KB.
const BUDGETS = { 'popup.html': 20 * 1024, 'options.html': 45 * 1024 } as const;
/** The script that runs on every CRM page: the locator and the command handling, never the panel. */
const CONTENT_SCRIPT_BUDGET = 14 * 1024;
/** The panel (Preact, components/panel/, placement), injected by the background when a screen is on the page. */
const PANEL_BUDGET = 20 * 1024;

const candidates = [process.env.TEST_EXTENSION_DIR, '.output/test/chrome-mv3', '.output/chrome-mv3'].filter(Boolean) as string[];
const dir = resolve(candidates.find((d) => existsSync(join(d, 'manifest.json'))) ?? candidates[0]!);
// The Firefox build has its own bundles (MV2, the same lazy split).
const ffCandidates = [process.env.FIREFOX_EXTENSION_DIR, '.output/test/firefox-mv2', '.output/firefox-mv2'].filter(Boolean) as string[];
const ffDir = resolve(ffCandidates.find((d) => existsSync(join(d, 'manifest.json'))) ?? ffCandidates[0]!);

// What gives a bundle away. The panel: Preact's diff (it names dangerouslySetInnerHTML), the panel's CSS
// (:host), its components (data-preset, data-calm). The start's own parts: webextension-polyfill's message, the locator
// (it follows aria-labelledby; the panel never does).
const PANEL_MARKERS = [/dangerouslySetInnerHTML/, /:host\b/, /data-preset/, /data-calm/];
const START_MARKERS = [/The message port closed before a response was received/, /aria-labelledby/];

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Resolves an extension-absolute or relative specifier against the importing file. */
function resolveSpec(spec: string, from: string): string {
  const path = spec.startsWith('/') ? spec.slice(1) : posix.join(posix.dirname(from), spec);
  return posix.normalize(path);
}

/** Static imports of a built ES module: `import … from "x"`, `import "x"`, `export … from "x"`; not import(). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["'`]([^"'`]+)["'`]/g;
  for (const m of code.matchAll(re)) out.push(m[1]!);
  return out;
}

/** Every JS file a page loads at start, by following script src, modulepreload and static imports. */
function startupScripts(root: string, html: string): string[] {
  const page = readFileSync(join(root, html), 'utf8');
  const queue = [
    ...[...page.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => resolveSpec(m[1]!, html)),
    ...[...page.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => resolveSpec(m[1]!, html)),
  ];
  const seen = new Set<string>();
  while (queue.length) {
    const f = queue.shift()!;
    if (seen.has(f) || !f.endsWith('.js')) continue;
    seen.add(f);
    const code = readFileSync(join(root, f), 'utf8');
    for (const spec of staticImports(code)) if (spec.startsWith('.') || spec.startsWith('/')) queue.push(resolveSpec(spec, f));
  }
  return [...seen];
}

describe(`bundle budgets (${dir})`, () => {
  test.each(Object.entries(BUDGETS))('%s stays within its gzipped JS budget', (html, budget) => {
    const files = startupScripts(dir, html);
    expect(files.length).toBeGreaterThan(0);
    const total = files.reduce((n, f) => n + gz(join(dir, f)), 0);
    console.log(`${html}: ${(total / 1024).toFixed(1)} KB gzipped (budget ${budget / 1024} KB) from ${files.join(', ')}`);
    expect(total).toBeLessThanOrEqual(budget);
  });

  test('the popup does not load ip-cidr (crm-range) at start', () => {
    for (const f of startupScripts(dir, 'popup.html')) {
      expect(readFileSync(join(dir, f), 'utf8')).not.toMatch(/ip-cidr|IPCIDR|mynetworks/);
    }
  });

  test('the popup starts without zod and without the rules (they load with the status, lazily)', () => {
    const files = startupScripts(dir, 'popup.html');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const code = readFileSync(join(dir, f), 'utf8');
      expect(code, f).not.toMatch(/\$Zod[A-Z]/);
      // A finding code only the rules produce.
      expect(code, f).not.toContain('office365-port-465');
    }
  });

  describe.each([
    ['Chrome', dir],
    ['Firefox', ffDir],
  ])('%s: the content script starts without the panel', (_name, root) => {
    const script = join(root, 'content-scripts/crm.js');
    const panel = join(root, 'crm-panel.js');

    test(`content-scripts/crm.js stays within ${CONTENT_SCRIPT_BUDGET / 1024} KB gzipped`, () => {
      // A build without the content script is a broken build, not one with nothing to measure.
      expect(existsSync(script), `${script} is missing`).toBe(true);
      const size = gz(script);
      console.log(`${script}: ${(size / 1024).toFixed(1)} KB gzipped (budget ${CONTENT_SCRIPT_BUDGET / 1024} KB)`);
      expect(size).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET);
    });

    test('the panel (Preact, components, its CSS) is not in the content script: it is crm-panel.js, injected on demand', () => {
      expect(existsSync(script), `${script} is missing`).toBe(true);
      expect(existsSync(panel), `${panel} is missing`).toBe(true);
      const start = readFileSync(script, 'utf8');
      const lazy = readFileSync(panel, 'utf8');
      for (const m of PANEL_MARKERS) {
        expect(start, `${m} in the content script`).not.toMatch(m);
        expect(lazy, `${m} missing from the panel`).toMatch(m);
      }
      // The panel borrows the locator and the browser API from the content script: no second copy.
      for (const m of START_MARKERS) {
        expect(start, `${m} missing from the content script`).toMatch(m);
        expect(lazy, `${m} in the panel`).not.toMatch(m);
      }
    });

    test(`crm-panel.js stays within ${PANEL_BUDGET / 1024} KB gzipped and is neither listed nor web-accessible`, () => {
      expect(existsSync(panel), `${panel} is missing`).toBe(true);
      const size = gz(panel);
      console.log(`${panel}: ${(size / 1024).toFixed(1)} KB gzipped (budget ${PANEL_BUDGET / 1024} KB)`);
      expect(size).toBeLessThanOrEqual(PANEL_BUDGET);
      const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
      expect(JSON.stringify(manifest.content_scripts)).not.toContain('crm-panel');
      expect(manifest.web_accessible_resources ?? []).toEqual([]);
    });
  });

  test('the helper follows static imports but not dynamic ones', () => {
    expect(staticImports('import{a as b}from"./x.js";import"./y.js";const c=()=>import("./lazy.js")')).toEqual(['./x.js', './y.js']);
  });
});
