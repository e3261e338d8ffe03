import { defineMessages } from './define';

/**
 * The probe in words an admin knows: the step names, their status, who failed, and the backend's error codes.
 * One catalogue for the wizard's "Test nu" and the CRM panel's "Controleren", so both say the same thing.
 * Texts are chosen by code; a backend message (Dutch / English in one string) is never shown as it is.
 */
export const stepMessages = defineMessages(
  {
    'step.resolve': 'Servernaam opzoeken',
    'step.connect': 'Verbinding maken',
    'step.greeting': 'Server meldt zich',
    'step.ehlo': 'Mogelijkheden opvragen',
    'step.tls': 'Versleutelen',
    'step.auth': 'Inloggen',
    'step.quit': 'Afsluiten',
    'status.pending': 'bezig',
    'status.ok': 'gelukt',
    'status.warn': 'let op',
    'status.fail': 'mislukt',
    'status.skipped': 'overgeslagen',
    'outcome.ok': 'Gelukt: de server accepteert deze instellingen. U kunt ze zo in het CRM invullen.',
    'outcome.unreachable': 'Niet getest: we konden de server {host} niet bereiken of opzoeken. Dat zegt nog niets over uw instellingen.',
    'outcome.refused': 'Niet gelukt: de server {host} weigerde bij "{step}". Zie het antwoord van de server hieronder.',
    'outcome.settings': 'Niet gelukt: de instellingen kloppen niet met wat de server {host} verwacht. Zie de aanwijzing hieronder.',
    'outcome.details': 'Details: stap "{step}", code {code}',
    'outcome.presetLookup': '{host} is de servernaam uit de provider-instelling en is juist gespeld. De achtergronddienst kon hem nu niet opzoeken (netwerk of DNS aan onze kant). Probeer het over een minuut opnieuw.',
    'err.aborted': 'Gestopt.',
    'err.backend_unreachable': 'De achtergronddienst is niet bereikbaar op {url}.',
    'err.invalid_response': 'De achtergronddienst gaf een antwoord dat de extensie niet begrijpt. Is het adres bij Instellingen juist?',
    'err.rate_limited': 'Te veel tests kort na elkaar. Wacht {seconds} seconden en probeer het opnieuw.',
    'err.probe_busy': 'De achtergronddienst is nog bezig met een vorige test. Probeer het zo opnieuw.',
    'err.target_not_allowed': 'Deze server mag de achtergronddienst niet testen (een intern of gereserveerd adres).',
    'err.port_not_allowed': 'Dit poortnummer mag de achtergronddienst niet testen.',
    'err.dns_failed': 'We konden de servernaam niet opzoeken. Probeer het over een minuut opnieuw.',
    'err.invalid_request': 'De achtergronddienst vond een veld ongeldig{field}. Controleer de instellingen.',
    'err.origin_not_allowed': 'De achtergronddienst weigert verzoeken van deze extensie. Controleer het adres bij Instellingen.',
    'err.payload_too_large': 'Het verzoek was te groot voor de achtergronddienst.',
    'err.store_unavailable': 'De achtergronddienst kan nu niets opslaan. Probeer het over een minuut opnieuw.',
    'err.send_failed': 'De server nam de validatiemail niet aan.',
    'err.internal': 'Er ging iets mis in de achtergronddienst. Probeer het opnieuw.',
    'err.other': 'De achtergronddienst gaf een fout.',
    'err.details': 'Details: {code}',
  },
  {
    'step.resolve': 'Look up the server name',
    'step.connect': 'Connect',
    'step.greeting': 'Server responds',
    'step.ehlo': 'Ask what it supports',
    'step.tls': 'Encrypt',
    'step.auth': 'Sign in',
    'step.quit': 'Close',
    'status.pending': 'running',
    'status.ok': 'ok',
    'status.warn': 'attention',
    'status.fail': 'failed',
    'status.skipped': 'skipped',
    'outcome.ok': 'Success: the server accepts these settings. You can enter them in the CRM like this.',
    'outcome.unreachable': 'Not tested: we could not reach or look up the server {host}. That says nothing about your settings yet.',
    'outcome.refused': 'Failed: the server {host} refused at "{step}". See the server\'s answer below.',
    'outcome.settings': 'Failed: the settings do not match what the server {host} expects. See the advice below.',
    'outcome.details': 'Details: step "{step}", code {code}',
    'outcome.presetLookup': '{host} is the server name from the provider preset and is spelled right. The companion service could not look it up just now (network or DNS on our side). Try again in a minute.',
    'err.aborted': 'Stopped.',
    'err.backend_unreachable': 'The companion service is not reachable at {url}.',
    'err.invalid_response': 'The companion service gave an answer the extension does not understand. Is the address under Settings right?',
    'err.rate_limited': 'Too many tests in a short time. Wait {seconds} seconds and try again.',
    'err.probe_busy': 'The companion service is still busy with a previous test. Try again shortly.',
    'err.target_not_allowed': 'The companion service may not test this server (an internal or reserved address).',
    'err.port_not_allowed': 'The companion service may not test this port.',
    'err.dns_failed': 'We could not look up the server name. Try again in a minute.',
    'err.invalid_request': 'The companion service found a field invalid{field}. Check the settings.',
    'err.origin_not_allowed': 'The companion service refuses requests from this extension. Check the address under Settings.',
    'err.payload_too_large': 'The request was too large for the companion service.',
    'err.store_unavailable': 'The companion service cannot store anything right now. Try again in a minute.',
    'err.send_failed': 'The server did not accept the validation mail.',
    'err.internal': 'Something went wrong in the companion service. Try again.',
    'err.other': 'The companion service gave an error.',
    'err.details': 'Details: {code}',
  },
);

export type StepMessageKey = keyof (typeof stepMessages)['nl'];

const ERROR_KEYS = new Set<string>(Object.keys(stepMessages.nl).filter((k) => k.startsWith('err.')).map((k) => k.slice(4)));

/** The catalogue key for a backend error code (the generic text for a code this build does not know). */
export function errorKey(code: string): StepMessageKey {
  return (ERROR_KEYS.has(code) && code !== 'details' ? `err.${code}` : 'err.other') as StepMessageKey;
}

/** The step names alone, for catalogues that show steps (the panel, the support report): the same words everywhere. */
export function stepNames(lang: 'nl' | 'en') {
  const m = stepMessages[lang];
  return {
    'step.resolve': m['step.resolve'],
    'step.connect': m['step.connect'],
    'step.greeting': m['step.greeting'],
    'step.ehlo': m['step.ehlo'],
    'step.tls': m['step.tls'],
    'step.auth': m['step.auth'],
    'step.quit': m['step.quit'],
  };
}
