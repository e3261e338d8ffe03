import { describe, expect, it } from 'vitest';
import { sessionPassed } from './routes/probe';

// What opens the validation mail: the session went through as the CRM's would, not report.ok.
const step = (s: string, status: 'ok' | 'warn' | 'fail' | 'skipped') => ({ step: s as 'auth', status, ms: 1 });

describe('sessionPassed', () => {
  it('a plain-text session with a good login passes (the admin chose "Geen encryptie"; the report says so loudly)', () => {
    expect(sessionPassed({ steps: [step('greeting', 'ok'), step('ehlo', 'ok'), step('tls', 'skipped'), step('auth', 'ok'), step('quit', 'ok')] }, true)).toBe(true);
  });
  it('a failed step or a login never tried does not', () => {
    expect(sessionPassed({ steps: [step('greeting', 'ok'), step('auth', 'fail')] }, true)).toBe(false);
    expect(sessionPassed({ steps: [step('greeting', 'ok'), step('tls', 'fail'), step('auth', 'skipped')] }, true)).toBe(false);
    expect(sessionPassed({ steps: [step('greeting', 'ok'), step('auth', 'skipped'), step('quit', 'ok')] }, true)).toBe(false);
  });
  it('without a login, a clean session passes', () => {
    expect(sessionPassed({ steps: [step('greeting', 'ok'), step('ehlo', 'warn'), step('quit', 'ok')] }, false)).toBe(true);
  });
});
