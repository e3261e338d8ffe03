import type { Finding } from '@/lib/findings';
import { checkValidationInput } from '@/lib/validation-input';

type Input = { domain?: string; from?: string; to?: string };

/** Findings on the CRM validation dialog's Domein / Van / Naar; a field stays quiet while it is empty. */
export function checkValidationFields(input: Input): Finding[] {
  if (!input.domain && !input.from && !input.to) return [];
  return checkValidationInput(input).filter((f) => {
    const value = f.field ? input[f.field as keyof Input] : 'x';
    return value !== undefined && value !== '';
  });
}
