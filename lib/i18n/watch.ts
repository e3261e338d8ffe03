import { defineMessages } from './define';

/**
 * Texts of the daily re-check's own finding codes (lib/watch-findings.ts), merged into findingText, and
 * the variant `starttls-not-offered.gone` (STARTTLS was there at an earlier check).
 */
export const watchFindingMessages = defineMessages(
  {
    'cert-expires-soon': 'Het certificaat van de server verloopt over {days} dagen ({validTo}). Daarna weigert het CRM de verbinding en gaat er geen CRM-mail meer uit. Vraag de beheerder van de mailserver het certificaat op tijd te vernieuwen.',
    'provider-changed': 'Het domein {domain} ontvangt zijn mail niet meer bij {provider} (MX: {mx}). Staat de mail bij een andere provider, pas dan Hostnaam en de andere instellingen aan die provider aan.',
    'spf-server-missing': 'Het SPF-record van {domain} noemt het adres van de mailserver ({address}) niet meer. Mail van het CRM via deze server kan dan als spam worden gezien of geweigerd. Voeg ip4:{address} toe aan het SPF-record.',
    'office365-basic-auth-deadline': 'Over {days} dagen ({date}) zet Microsoft basisverificatie voor SMTP AUTH standaard uit (MC786329). Met deze Microsoft 365-instellingen stopt de CRM-mail dan. Laat een beheerder het weer aanzetten of kies nu een relay-connector of een eigen relayserver.',
    'watch-backend-unreachable': 'De dagelijkse controle kon de backend op {url} niet bereiken. Over de mailserver is deze keer niets bekend; dit is geen fout van de mailserver.',
    'starttls-not-offered.gone': 'De server biedt op poort {port} geen STARTTLS meer aan, bij een eerdere controle wel. Met "Gebruik TLS" kan het CRM nu niet verzenden. Vraag de beheerder van de mailserver wat er is veranderd, of kies de poort waarop de server TLS aanbiedt.',
  },
  {
    'cert-expires-soon': "The server's certificate expires in {days} days ({validTo}). After that the CRM refuses the connection and no CRM mail goes out. Ask the mail server admin to renew the certificate in time.",
    'provider-changed': 'The domain {domain} no longer receives its mail at {provider} (MX: {mx}). If the mail moved to another provider, change Hostnaam and the other settings to that provider.',
    'spf-server-missing': "The SPF record of {domain} no longer names the mail server's address ({address}). CRM mail through this server may then be treated as spam or refused. Add ip4:{address} to the SPF record.",
    'office365-basic-auth-deadline': 'In {days} days ({date}) Microsoft turns basic authentication for SMTP AUTH off by default (MC786329). With these Microsoft 365 settings CRM mail then stops. Have an admin turn it back on, or choose a relay connector or your own relay server now.',
    'watch-backend-unreachable': 'The daily check could not reach the backend at {url}. Nothing is known about the mail server this time; this is not a mail server fault.',
    'starttls-not-offered.gone': 'The server no longer offers STARTTLS on port {port}; it did at an earlier check. With "Gebruik TLS" the CRM cannot send now. Ask the mail server admin what changed, or choose the port where the server offers TLS.',
  },
);

/** The watch's own UI: the Instellingen toggle, the popup's "last check", the history. */
export const watchMessages = defineMessages(
  {
    heading: 'Dagelijkse controle',
    toggle: 'Controleer mijn instellingen dagelijks',
    explain: 'Eén keer per dag en bij het starten van de browser vraagt de extensie de backend ({url}) om de opgeslagen mailserver te testen. Daarvoor gaan alleen hostnaam, poort en encryptie naar de backend, en het maildomein voor de DNS-controle (MX en SPF). Nooit het wachtwoord: er wordt niet ingelogd.',
    permissions: 'Bij het aanzetten vraagt de browser toestemming voor "alarms" (de dagelijkse timer) en "notifications" (een melding bij een nieuw probleem).',
    denied: 'Zonder die toestemming kan de dagelijkse controle niet aan. Probeer het opnieuw en kies "Toestaan".',
    on: 'De dagelijkse controle staat aan.',
    off: 'De dagelijkse controle staat uit.',
    noSettings: 'Er is nog geen configuratie opgeslagen om te controleren.',
    lastCheck: 'Laatste controle',
    lastCheckAt: 'Laatste controle: {time}',
    never: 'Nog geen controle gedaan.',
    allGood: 'Geen problemen gevonden.',
    backendDown: 'Backend niet bereikbaar; de uitslag hieronder is van de laatste geslaagde controle.',
    history: 'Laatste {count} controles',
    historyEmpty: 'Nog geen controles.',
    added: 'Nieuw: {codes}',
    removed: 'Opgelost: {codes}',
    unchanged: 'Niets veranderd.',
    counts: '{errors} fout(en), {warnings} waarschuwing(en)',
    target: '{host}:{port} ({encryption})',
    notifyTitle: 'Mailserver Assistent: nieuw probleem',
  },
  {
    heading: 'Daily check',
    toggle: 'Check my settings daily',
    explain: 'Once a day and when the browser starts, the extension asks the backend ({url}) to test the saved mail server. Only host name, port and encryption go to the backend, and the mail domain for the DNS check (MX and SPF). Never the password: it does not log in.',
    permissions: 'When you turn it on the browser asks permission for "alarms" (the daily timer) and "notifications" (a notice for a new problem).',
    denied: 'Without that permission the daily check cannot be turned on. Try again and choose "Allow".',
    on: 'The daily check is on.',
    off: 'The daily check is off.',
    noSettings: 'No configuration has been saved yet to check.',
    lastCheck: 'Last check',
    lastCheckAt: 'Last check: {time}',
    never: 'No check done yet.',
    allGood: 'No problems found.',
    backendDown: 'Backend not reachable; the result below is from the last successful check.',
    history: 'Last {count} checks',
    historyEmpty: 'No checks yet.',
    added: 'New: {codes}',
    removed: 'Resolved: {codes}',
    unchanged: 'Nothing changed.',
    counts: '{errors} error(s), {warnings} warning(s)',
    target: '{host}:{port} ({encryption})',
    notifyTitle: 'Mailserver Assistent: new problem',
  },
);
