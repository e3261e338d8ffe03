import type { Sender } from '../policy';

// The senders the background's handlers are tested with: our content script in a CRM tab, and every
// sender that is not it (one table for crm-router, panel-inject and their tests).

export const ID = 'abcdefghijklmnopabcdefghijklmnop';
export const MATCHES = ['https://app.perfectview.nl/*', 'http://127.0.0.1/*'];
/** Our content script in the top frame of a CRM tab. */
export const CRM: Sender = { id: ID, url: 'https://app.perfectview.nl/crm/settings', origin: 'https://app.perfectview.nl', frameId: 0, tab: { id: 7 } };

/** Senders that must get no answer from a CRM handler. */
export const NOT_OUR_CONTENT_SCRIPT: Array<[string, Sender]> = [
  ['another extension', { ...CRM, id: 'zzzz' }],
  ['an extension page (no tab)', { id: ID, url: `chrome-extension://${ID}/popup.html` }],
  ['an iframe', { ...CRM, frameId: 3 }],
  ['a non-CRM tab', { ...CRM, url: 'https://evil.example/', origin: 'https://evil.example' }],
  ['a look-alike host', { ...CRM, url: 'https://app.perfectview.nl.evil.example/', origin: 'https://app.perfectview.nl.evil.example' }],
  ['a url/origin mismatch', { ...CRM, origin: 'https://evil.example' }],
];
