import { describe, expect, test } from 'vitest';
import { ContentCommand, ContentToBackground, ProbeStepMessage } from './messages';
import { isContentCommand, isProbeStepMessage } from './content-command';

const SAMPLES: unknown[] = [
  { type: 'crm/status' },
  { type: 'crm/read' },
  { type: 'crm/check' },
  { type: 'crm/point-at-right' },
  { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: {} },
  { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: { host: 'h', port: 587, encryption: 'tls', authMethod: 'password', username: 'u', password: 'p', mode: 'relay' } },
  { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: { port: '587' } },
  { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: { port: 1.5 } },
  { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: { port: { x: 1 } } },
  { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: { encryption: 'starttls' } },
  { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: { authMethod: 'oauth' } },
  { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: { mode: 'x' } },
  { type: 'crm/apply-fill', origin: 'https://app.perfectview.nl', draft: { password: 'x'.repeat(1025) } },
  { type: 'crm/apply-fill', origin: 'x'.repeat(301), draft: {} },
  { type: 'crm/apply-fill', draft: {} },
  { type: 'crm/apply-fill', origin: 'o', draft: null },
  { type: 'crm/apply-fill', origin: 'o', draft: [] },
  { type: 'crm/fill-request' },
  { type: 'nope' },
  null,
  'crm/status',
  [],
  42,
];

const STEP_SAMPLES: unknown[] = [
  { type: 'crm/probe-step', step: { step: 'resolve', status: 'ok', ms: 3 } },
  { type: 'crm/probe-step', step: { step: 'greeting', status: 'fail', ms: 1001, code: 'EIMPLICITTLS', message: 'm', reply: '220 x' } },
  { type: 'crm/probe-step', step: { step: 'quit', status: 'skipped', ms: 0, extra: 1 } },
  { type: 'crm/probe-step', step: { step: 'login', status: 'ok', ms: 3 } },
  { type: 'crm/probe-step', step: { step: 'auth', status: 'pending', ms: 3 } },
  { type: 'crm/probe-step', step: { step: 'auth', status: 'ok', ms: '3' } },
  { type: 'crm/probe-step', step: { step: 'auth', status: 'ok', ms: Number.NaN } },
  { type: 'crm/probe-step', step: { step: 'auth', status: 'ok', ms: Number.POSITIVE_INFINITY } },
  { type: 'crm/probe-step', step: { step: 'auth', status: 'ok', ms: 1, reply: 5 } },
  { type: 'crm/probe-step', step: { step: 'auth', status: 'ok', ms: 1, code: null } },
  { type: 'crm/probe-step', step: { step: 'auth', status: 'ok', ms: 1, message: {} } },
  { type: 'crm/probe-step', step: null },
  { type: 'crm/probe-step', step: [] },
  { type: 'crm/probe-step' },
  { type: 'crm/probe-result', response: { ok: true } },
  null,
  [],
];

describe('messages', () => {
  test.each(STEP_SAMPLES.map((s) => [JSON.stringify(s), s]))('the content script guard for probe steps agrees with the zod schema on %s', (_, s) => {
    expect(isProbeStepMessage(s)).toBe(ProbeStepMessage.safeParse(s).success);
  });

  test.each(SAMPLES.map((s) => [JSON.stringify(s), s]))('the content script guard agrees with the zod schema on %s', (_, s) => {
    expect(isContentCommand(s)).toBe(ContentCommand.safeParse(s).success);
  });

  test('content → background messages', () => {
    expect(ContentToBackground.safeParse({ type: 'crm/fill-request' }).success).toBe(true);
    expect(ContentToBackground.safeParse({ type: 'crm/fill-request', presetId: 'office365' }).success).toBe(true);
    expect(ContentToBackground.safeParse({ type: 'crm/check-values', lang: 'nl', values: { host: 'h', port: 587 }, password: 'empty' }).success).toBe(true);
    // No message type carries a password towards the background, and unknown password states are refused.
    expect(ContentToBackground.safeParse({ type: 'crm/check-values', lang: 'nl', values: {}, password: 'hunter2' }).success).toBe(false);
    expect(ContentToBackground.safeParse({ type: 'crm/apply-fill', origin: 'o', draft: {} }).success).toBe(false);
    expect(ContentToBackground.safeParse({ type: 'crm/probe', values: { host: 'x'.repeat(301) } }).success).toBe(false);
  });
});
