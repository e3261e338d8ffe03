import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Test support for the dom tests (happy-dom): fixture pages from test/fixtures/crm, events, a query helper. */

export const FIXTURES = join(__dirname, '../fixtures/crm');

/** Loads a fixture into the live happy-dom document (scripts inserted this way do not run). */
export function load(name: string): Document {
  const html = readFileSync(join(FIXTURES, name), 'utf8').replace(/<!doctype html>/i, '').replace(/<link [^>]*>/g, '');
  document.documentElement.innerHTML = html.replace(/<\/?html[^>]*>/g, '');
  return document;
}
export function html(body: string): Document {
  document.body.innerHTML = body;
  return document;
}

/** Records input/change events like the fixtures' record-events.js. */
export function record(doc: Document) {
  const events: { type: string; f: string; value: string }[] = [];
  for (const type of ['input', 'change']) {
    doc.addEventListener(type, (e) => {
      const el = e.target as HTMLInputElement;
      events.push({ type, f: el.dataset.f ?? el.dataset.v ?? el.name, value: el.value });
    }, true);
  }
  return events;
}
export const $ = (sel: string) => document.querySelector<HTMLInputElement>(sel)!;

/** An empty page before each test. */
export function resetPage(): void {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
}
