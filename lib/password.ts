// Zod-free on purpose: the content script imports this (through lib/content-command.ts) and must stay small.

/** What a form's Wachtwoord holds, as far as the rules need to know; the value itself can stay where it is. */
export const PASSWORD_STATES = ['absent', 'empty', 'control', 'app-password-like', 'other'] as const;
export type PasswordState = (typeof PASSWORD_STATES)[number];

/** An app password as Google shows it: 16 letters, in groups of four (Google Account help 185833). The one copy of this pattern. */
const APP_PASSWORD = /^[a-z]{16}$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Whether a password has the shape of a Google app password (spaces between the groups allowed). */
export const looksLikeGoogleAppPassword = (pw: string) => APP_PASSWORD.test(pw.replace(/ /g, ''));

/** The state of a password value: all the rules look at. */
export function passwordState(value: string | undefined): PasswordState {
  if (value === undefined) return 'absent';
  if (value === '') return 'empty';
  if (CONTROL.test(value)) return 'control';
  return looksLikeGoogleAppPassword(value) ? 'app-password-like' : 'other';
}
