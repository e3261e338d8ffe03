import { describe, expect, it } from 'vitest';
import { plannedSteps, stepsToCome, STEP_NAMES } from './probe-steps';

describe('plannedSteps', () => {
  it('implicit TLS shakes hands before the greeting', () => {
    expect(plannedSteps('ssl', true)).toEqual(['resolve', 'connect', 'tls', 'greeting', 'ehlo', 'auth', 'quit']);
  });
  it('STARTTLS says EHLO again after the handshake, with or without a login', () => {
    expect(plannedSteps('tls', true)).toEqual(['resolve', 'connect', 'greeting', 'ehlo', 'tls', 'ehlo', 'auth', 'quit']);
    expect(plannedSteps('tls-if-available', false)).toEqual(['resolve', 'connect', 'greeting', 'ehlo', 'tls', 'ehlo', 'quit']);
    expect(plannedSteps(undefined, false)).toEqual(plannedSteps('tls', false));
  });
  it('no encryption has no TLS step', () => {
    expect(plannedSteps('none', true)).not.toContain('tls');
  });
  it('every planned step is a known step name', () => {
    for (const e of ['ssl', 'tls', 'none', 'tls-if-available', undefined]) for (const s of plannedSteps(e, true)) expect(STEP_NAMES).toContain(s);
  });
});

describe('stepsToCome', () => {
  it('counts repeated steps: one EHLO arrived leaves the second to come', () => {
    expect(stepsToCome(plannedSteps('tls', false), [{ step: 'resolve' }, { step: 'connect' }, { step: 'greeting' }, { step: 'ehlo' }])).toEqual(['tls', 'ehlo', 'quit']);
  });
});
