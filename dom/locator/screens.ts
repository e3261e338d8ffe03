import { scan } from './visibility';
import { locateRightsBlock, type RightsBlock } from './rights';
import { locateSmtpForm, type SmtpForm } from './smtp-form';
import { locateValidationDialog, type ValidationDialog } from './validation-dialog';

export type CrmScreen = 'smtp' | 'rights' | 'validation';

/** Which of the screens the document shows now (the dialog may sit over the SMTP page). */
export function detectScreens(doc: Document): { smtp?: SmtpForm; rights?: RightsBlock; validation?: ValidationDialog } {
  return scan(() => detectScreensNow(doc));
}

function detectScreensNow(doc: Document): { smtp?: SmtpForm; rights?: RightsBlock; validation?: ValidationDialog } {
  const validation = locateValidationDialog(doc);
  const smtp = locateSmtpForm(doc);
  const rights = smtp ? undefined : locateRightsBlock(doc);
  return { smtp, rights, validation };
}
