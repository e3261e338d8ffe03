import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSettings, type RuleInput } from './rules';
import { PRESETS } from './presets';
import type { Finding } from './findings';

// Issue 14 §1: one recommended configuration; every offered fix leads there. For any draft, applying any
// offered fix never produces a new error finding, and applying fixes over and over reaches a draft where no
// error is left that a fix could solve (and no error at all when every error had a fix).

const NOW = { now: new Date('2026-11-30T12:00:00Z') };
const key = (f: Finding) => `${f.code}|${f.variant ?? ''}|${f.field ?? ''}`;
const errors = (d: RuleInput) => checkSettings(d, NOW).filter((f) => f.severity === 'error');

const hosts = fc.constantFrom(
  ...new Set(PRESETS.map((p) => p.host)),
  'mail.example.nl',
  'outlook.office365.com',
  'imap.gmail.com',
  'imap.bakkerij-jansen.nl',
  'contoso-com.mail.protection.outlook.com',
  'contoso-com.o-v1.mx.microsoft',
  'smtp.googlemail.com',
  '',
  'smtp.example.com:587',
  'http://x',
);
const draft: fc.Arbitrary<RuleInput> = fc.record(
  {
    host: hosts,
    port: fc.oneof(fc.constantFrom(25, 465, 587, 2525, 993, 2526, '587', '', 0, 70000), fc.integer({ min: -5, max: 70000 })),
    encryption: fc.constantFrom('tls', 'tls-if-available', 'ssl', 'none', 'starttls', undefined),
    authMethod: fc.constantFrom('password', 'ip-whitelist', 'oauth', undefined),
    username: fc.constantFrom('', 'jan', 'jan@zeelandnet.nl', 'a@gmail.com', 'crm@example.nl', 'x\n', undefined),
    password: fc.constantFrom('', 'Summer2025!', 'abcd efgh ijkl mnop', 'a\u0001b', undefined),
    mode: fc.constantFrom('relay', 'mailbox', 'other', undefined),
  },
  { requiredKeys: [] },
);

describe('fixes never cancel out (property)', () => {
  it('applying any offered fix adds no new error and removes its own finding', () => {
    fc.assert(
      fc.property(draft, (d) => {
        const before = checkSettings(d, NOW);
        const was = new Set(before.filter((f) => f.severity === 'error').map(key));
        for (const f of before.filter((x) => x.fix)) {
          const after = checkSettings({ ...d, ...f.fix }, NOW);
          const added = after.filter((g) => g.severity === 'error' && !was.has(key(g))).map(key);
          expect(added, `${key(f)} ${JSON.stringify(f.fix)} on ${JSON.stringify(d)}`).toEqual([]);
          expect(after.map(key), `${key(f)} stays after its own fix`).not.toContain(key(f));
        }
      }),
      { numRuns: 1500, seed: 8_14_2026 },
    );
  });

  it('repeated fixes reach a draft without fixable errors, and without errors when every error had a fix', () => {
    fc.assert(
      fc.property(draft, (start) => {
        let d: RuleInput = start;
        const allFixable = errors(start).every((f) => f.fix);
        for (let step = 0; step < 10; step++) {
          const next = errors(d).find((f) => f.fix);
          if (!next) break;
          d = { ...d, ...next.fix };
        }
        expect(errors(d).filter((f) => f.fix)).toEqual([]);
        if (allFixable) expect(errors(d), JSON.stringify(start)).toEqual([]);
      }),
      { numRuns: 1500, seed: 14_1_2026 },
    );
  });

  it('the cases from the walk-through: Office 365 465 + TLS and Gmail 465 + TLS each get one fix, to 587 + TLS', () => {
    const o365 = checkSettings({ host: 'smtp.office365.com', port: 465, encryption: 'tls', authMethod: 'password', username: 'a@b.nl', mode: 'relay' }, NOW);
    expect(o365.filter((f) => f.fix).map((f) => f.fix)).toEqual([{ port: 587, encryption: 'tls' }]);
    const gmail = checkSettings({ host: 'smtp.gmail.com', port: 465, encryption: 'tls', authMethod: 'password', username: 'a@gmail.com', mode: 'mailbox' }, NOW);
    expect(gmail.filter((f) => f.fix).map((f) => f.fix)).toEqual([{ port: 587 }]);
  });
});
