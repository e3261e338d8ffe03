import { describe, expect, it } from 'vitest';
import { STEP_NAMES } from '../probe-steps';
import { panelMessages } from './panel';
import { reportMessages } from './report';
import { stepMessages } from './steps';

// Issue 14 §7: the probe's steps have the same words in the panel, the wizard and the support report.
describe('step names', () => {
  it.each(['nl', 'en'] as const)('are the same words everywhere (%s), and not protocol jargon', (lang) => {
    for (const s of STEP_NAMES) {
      const key = `step.${s}` as const;
      expect(panelMessages[lang][key]).toBe(stepMessages[lang][key]);
      expect((reportMessages[lang] as Record<string, string>)[key]).toBe(stepMessages[lang][key]);
    }
    expect(Object.values(stepMessages.nl)).not.toContain('Begroeting');
    expect(stepMessages[lang]['step.ehlo']).not.toBe('EHLO');
  });
});
