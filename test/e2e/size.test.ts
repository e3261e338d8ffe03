import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

// Budgets from issue 11: gzipped JS a page loads at start (entry, modulepreloads, static imports; not lazy chunks).
// Measured at commit time: popup 16.5 KB, options 37.1 KB, content script 21.7 KB. The content script's 20 KB
// goal is the panel work's; its budget stays 25 KB until a build meets 20 KB.
const BUDGETS = { 'popup.html': 20 * 1024, 'options.html': 45 * 1024 } as const;
const CONTENT_SCRIPT_BUDGET = 25 * 1024;

const candidates = [process.env.TEST_EXTENSION_DIR, '.output/test/chrome-mv3', '.output/chrome-mv3'].filter(Boolean) as string[];
const dir = resolve(candidates.find((d) => existsSync(join(d, 'manifest.json'))) ?? candidates[0]!);

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

  test(`the content script stays within ${CONTENT_SCRIPT_BUDGET / 1024} KB gzipped`, () => {
    const file = join(dir, 'content-scripts/crm.js');
    // A build without the content script is a broken build, not one with nothing to measure.
    expect(existsSync(file), `${file} is missing`).toBe(true);
    const size = gz(file);
    console.log(`content-scripts/crm.js: ${(size / 1024).toFixed(1)} KB gzipped`);
    expect(size).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET);
  });

  test('the helper follows static imports but not dynamic ones', () => {
    expect(staticImports('import{a as b}from"./x.js";import"./y.js";const c=()=>import("./lazy.js")')).toEqual(['./x.js', './y.js']);
  });
});
