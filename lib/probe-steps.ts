// The probe's steps: their names and the order a probe goes through them on the wire. One table for the
// backend's schema (lib/api.ts), the content script's guard, the wizard's live list and the panel's plan.
// Zod-free, so the content script can import it.

export const STEP_NAMES = ['resolve', 'connect', 'greeting', 'ehlo', 'tls', 'auth', 'quit'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/**
 * The steps a probe of these settings goes through when all goes well, in wire order: implicit TLS
 * ("Gebruik SSL") shakes hands before the greeting; STARTTLS says EHLO again after the handshake.
 * Without an encryption choice (a form still being filled) it plans the STARTTLS route.
 */
export function plannedSteps(encryption: string | undefined, withAuth: boolean): StepName[] {
  const auth: StepName[] = withAuth ? ['auth'] : [];
  if (encryption === 'ssl') return ['resolve', 'connect', 'tls', 'greeting', 'ehlo', ...auth, 'quit'];
  if (encryption === 'none') return ['resolve', 'connect', 'greeting', 'ehlo', ...auth, 'quit'];
  return ['resolve', 'connect', 'greeting', 'ehlo', 'tls', 'ehlo', ...auth, 'quit'];
}

/** The expected steps that have not arrived yet (the first of them is the one under way). */
export function stepsToCome(expected: readonly string[], arrived: readonly { step: string }[]): string[] {
  const left = new Map<string, number>();
  for (const a of arrived) left.set(a.step, (left.get(a.step) ?? 0) + 1);
  return expected.filter((s) => {
    const n = left.get(s) ?? 0;
    if (n > 0) left.set(s, n - 1);
    return n === 0;
  });
}
