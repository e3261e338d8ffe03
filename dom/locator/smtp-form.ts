import { AUTH_OPTIONS, ENCRYPTION_OPTIONS, type TextField } from './labels';
import { findRadioGroup, type RadioGroup } from './choices';
import { findTextFields, type Blocked } from './text-fields';
import { scan, type Control } from './visibility';

/** The "Eigen e-mailserver" settings form: Hostnaam, Poortnummer, Encryptie, Authenticatie, Gebruikersnaam, Wachtwoord. */

export interface SmtpForm {
  fields: Partial<Record<TextField, Control>>;
  encryption?: RadioGroup;
  auth?: RadioGroup;
  /** Labelled fields that are there but may not be filled. */
  blocked: Blocked[];
  /** The element that holds the form: the panel goes right after it. */
  container: Element;
}

/** Smallest element containing all the given ones. */
function commonAncestor(els: Element[]): Element | undefined {
  if (els.length === 0) return undefined;
  let a: Element | null = els[0]!;
  while (a && !els.every((e) => a!.contains(e))) a = a.parentElement;
  return a ?? undefined;
}

/** The "Eigen e-mailserver" settings form, or undefined when this document does not show it. */
export function locateSmtpForm(doc: Document | Element): SmtpForm | undefined {
  return scan(() => locateSmtpFormNow(doc));
}

function locateSmtpFormNow(doc: Document | Element): SmtpForm | undefined {
  const blocked: Blocked[] = [];
  const fields = findTextFields(doc, ['host', 'port', 'username', 'password'] as const, blocked);
  if (!fields.host) return undefined;
  const encryption = findRadioGroup(doc, ENCRYPTION_OPTIONS);
  const auth = findRadioGroup(doc, AUTH_OPTIONS);
  // Host plus port or the encryption radios: one stray "host" box is not the SMTP form.
  if (!(fields.port || encryption || blocked.length > 0)) return undefined;
  const parts: Element[] = [
    ...Object.values(fields),
    ...Object.values(encryption?.options ?? {}),
    ...Object.values(auth?.options ?? {}),
  ].filter((e): e is Control => !!e);
  const common = commonAncestor(parts)!;
  const container = common.closest('form') ?? common.closest('table, fieldset') ?? common;
  return { fields, encryption, auth, blocked, container };
}
