import { defineMessages } from './define';

/** Where each CRM-range snippet goes (lib/crm-range.ts rangeSnippets); `snippet.<kind>` per SnippetKind. */
export const crmRangeMessages = defineMessages(
  {
    'range.summary': 'Het CRM verstuurt vanaf {canonical}: {first} t/m {last} ({count} adressen).',
    'snippet.postfix': 'Postfix: voeg het bereik toe aan mynetworks in /etc/postfix/main.cf (laat de bestaande waarden staan) en voer daarna "postfix reload" uit.',
    'snippet.exchange': 'Exchange Server: maak in de Exchange Management Shell een receive connector voor het CRM-bereik, of voeg het bereik toe aan uw bestaande relay-connector.',
    'snippet.office365': 'Microsoft 365: een inbound connector op IP-adres. Let op: Microsoft staat dit alleen toe voor adressen die uitsluitend van uw organisatie zijn.',
    'snippet.google-workspace': 'Google Workspace: Beheerdersconsole › Apps › Google Workspace › Gmail › Routing › SMTP-relayservice › Configureren; vul deze waarden in.',
    'snippet.exim': 'Exim: zet het bereik in relay_from_hosts (Debian: dc_relay_nets in /etc/exim4/update-exim4.conf.conf, daarna update-exim4.conf) en herstart Exim.',
    'snippet.hmailserver': 'hMailServer: Settings › Advanced › IP Ranges › Add; vul het laagste en hoogste adres in.',
  },
  {
    'range.summary': 'The CRM sends from {canonical}: {first} to {last} ({count} addresses).',
    'snippet.postfix': 'Postfix: add the range to mynetworks in /etc/postfix/main.cf (keep the existing values), then run "postfix reload".',
    'snippet.exchange': 'Exchange Server: in the Exchange Management Shell create a receive connector for the CRM range, or add the range to your existing relay connector.',
    'snippet.office365': 'Microsoft 365: an IP-based inbound connector. Note: Microsoft only allows this for addresses that belong exclusively to your organisation.',
    'snippet.google-workspace': 'Google Workspace: Admin console › Apps › Google Workspace › Gmail › Routing › SMTP relay service › Configure; enter these values.',
    'snippet.exim': 'Exim: put the range in relay_from_hosts (Debian: dc_relay_nets in /etc/exim4/update-exim4.conf.conf, then update-exim4.conf) and restart Exim.',
    'snippet.hmailserver': 'hMailServer: Settings › Advanced › IP Ranges › Add; enter the lowest and highest address.',
  },
);
