import { z } from 'zod/mini';
import { AUTH_METHODS, ENCRYPTIONS, Mode } from './settings';

// Draft shapes that cross the extension: what a fill writes; what the form holds and a fix changes (docs/ARCHITECTURE.md, "Drafts").

const Str = (max: number) => z.string().check(z.maxLength(max));

/** What a fill puts into the SMTP form; only the fill messages carry a password. */
export const FillDraft = z.object({
  host: z.optional(Str(300)),
  port: z.optional(z.union([z.int(), Str(10)])),
  encryption: z.optional(z.enum(ENCRYPTIONS)),
  authMethod: z.optional(z.enum(AUTH_METHODS)),
  username: z.optional(Str(320)),
  password: z.optional(Str(1024)),
  mode: z.optional(Mode),
});
export type FillDraft = z.infer<typeof FillDraft>;

/**
 * The SMTP form's fields without the password, as loose as the page holds them: what a check or a probe
 * request carries, and what a one-click fix sets (a finding's `fix`, from the rules or the backend).
 */
export const FormValues = z.object({
  host: z.optional(Str(300)),
  port: z.optional(z.union([z.number(), Str(10)])),
  encryption: z.optional(Str(40)),
  authMethod: z.optional(Str(40)),
  username: z.optional(Str(320)),
  mode: z.optional(Str(20)),
});
export type FormValues = z.infer<typeof FormValues>;
