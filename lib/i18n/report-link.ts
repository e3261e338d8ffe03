import { defineMessages } from './define';

/** The popup's link to "Rapport openen" (options.html#report): a catalogue of its own, so the popup does not bundle lib/i18n/report.ts. */
export const reportLinkMessages = defineMessages({ open: 'Rapport van een klant openen' }, { open: "Open a customer's report" });
