import { defineMessages } from './define';

/** Strings of the popup (the quick guide). */
export const popupMessages = defineMessages(
  {
    title: 'Mailserver Assistent',
    tabHeading: 'Huidig tabblad',
    'tab.crm': 'Dit is PerfectView CRM Online.',
    'tab.page': 'Pagina: {page}',
    'tab.notCrm': 'Dit tabblad is niet PerfectView CRM Online. Open app.perfectview.nl en ga naar Applicatie instellingen › Eigen mailserver.',
    'tab.unknown': 'Het huidige tabblad kon niet worden gelezen.',
    presetsHeading: 'Snel een provider kiezen',
    presetsHint: 'Slaat de instellingen van de provider op als concept; controleer ze daarna in de wizard.',
    statusHeading: 'Opgeslagen configuratie',
    openWizard: 'Open de wizard',
    fixInStep: 'Oplossen in stap {step}',
  },
  {
    title: 'Mailserver Assistent',
    tabHeading: 'Current tab',
    'tab.crm': 'This is PerfectView CRM Online.',
    'tab.page': 'Page: {page}',
    'tab.notCrm': 'This tab is not PerfectView CRM Online. Open app.perfectview.nl and go to Applicatie instellingen › Eigen mailserver.',
    'tab.unknown': 'The current tab could not be read.',
    presetsHeading: 'Pick a provider quickly',
    presetsHint: 'Saves the provider\'s settings as a draft; check them in the wizard afterwards.',
    statusHeading: 'Saved configuration',
    openWizard: 'Open the wizard',
    fixInStep: 'Fix in step {step}',
  },
);
