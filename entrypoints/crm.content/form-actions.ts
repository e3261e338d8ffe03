import { fillForm, type FillResult } from '@/dom/crm-form-locator';
import type { FillDraft } from '@/lib/drafts';
import type { PageState } from './page-state';

// The fill, for the background's crm/apply-fill and the panel's "Invullen" (entrypoints/crm-panel/actions.ts).
// The content script only reads, fills and shows: what to fill (and whether the password goes along)
// the background decides.

/** Fills the SMTP form; when the CRM reveals Gebruikersnaam/Wachtwoord only after the radio, tries those again. */
export async function applyFill(s: PageState, draft: FillDraft): Promise<FillResult> {
  const r = fillForm(s.doc, draft);
  s.touched = true;
  const later = r.skipped.filter((x) => (x.field === 'username' || x.field === 'password') && (x.reason === 'hidden' || x.reason === 'not-found'));
  if (later.length && draft.authMethod !== 'ip-whitelist') {
    await new Promise((res) => setTimeout(res, 250)); // the CRM's own script reveals them
    const again = fillForm(s.doc, Object.fromEntries(later.map((x) => [x.field, draft[x.field as 'username' | 'password']])));
    r.skipped = r.skipped.filter((x) => !again.filled.includes(x.field));
    r.filled.push(...again.filled);
  }
  return r;
}
