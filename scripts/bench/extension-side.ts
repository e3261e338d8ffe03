import { existsSync, readFileSync } from 'node:fs';
import { med, pct, type BenchRecord } from './figures';

/** What runs on every keystroke in the CRM page: the rules, and locating + reading the CRM form (happy-dom). */
export async function benchExtensionSide(record: BenchRecord) {
  const time = (n: number, fn: () => void) => {
    for (let i = 0; i < Math.min(50, n); i++) fn(); // warm-up
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      fn();
      xs.push(performance.now() - t);
    }
    return xs;
  };
  console.log('extension side');
  try {
    const { checkSettings } = (await import('../../lib/rules')) as { checkSettings: (d: object) => unknown };
    const drafts = [
      { host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'a@b.nl', password: 'x', mode: 'mailbox' },
      { host: 'smtp.gmail.com', port: '465', encryption: 'tls', authMethod: 'password', username: 'a', password: 'abcd efgh ijkl mnop' },
      { host: 'http://x', port: '70000', encryption: 'nope', authMethod: 'ip-whitelist', mode: 'mailbox' },
    ];
    let k = 0;
    const rules = time(3000, () => checkSettings(drafts[k++ % drafts.length]!)).map((ms) => ms * 1000);
    record({ name: 'checkSettings on a draft, median', value: med(rules), unit: 'µs', comparison: `p95 ${pct(rules, 95).toFixed(1)} µs, n=${rules.length}` });
  } catch (e) {
    console.log(`    rules not measured: ${String(e).slice(0, 120)}`);
  }
  try {
    // The locator's module path may change (issue 12 splits it into a folder): a miss skips this figure.
    const { detectScreens, readForm } = (await import('../../dom/crm-form-locator' as string)) as { detectScreens: (d: Document) => { smtp: unknown }; readForm: (d: Document, s: unknown) => unknown };
    const { Window } = await import('happy-dom');
    for (const fixture of ['smtp-a', 'smtp-b', 'smtp-c']) {
      const file = `test/fixtures/crm/${fixture}.html`;
      if (!existsSync(file)) continue;
      const window = new Window({ url: 'http://127.0.0.1/' });
      window.document.write(readFileSync(file, 'utf8'));
      const doc = window.document as unknown as Document;
      const xs = time(200, () => readForm(doc, detectScreens(doc).smtp));
      record({ name: `locate + read the CRM form (${fixture}, happy-dom), median`, value: med(xs), unit: 'ms', comparison: `p95 ${pct(xs, 95).toFixed(2)} ms, n=${xs.length}` });
      void window.happyDOM.close();
    }
  } catch (e) {
    console.log(`    CRM form locator not measured: ${String(e).slice(0, 120)}`);
  }
}

