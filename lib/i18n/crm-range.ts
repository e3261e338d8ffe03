import { defineMessages } from './define';

/**
 * Where each CRM-range snippet goes (lib/crm-range.ts rangeSnippets; `snippet.<kind>` per SnippetKind), and the
 * comments and form labels inside the snippets, so a snippet reads in the admin's language.
 */
export const crmRangeMessages = defineMessages(
  {
    'range.summary': 'Het CRM verstuurt vanaf {canonical}: {first} t/m {last} ({count} adressen).',
    'panel.shared':
      'Let op: dit bereik wordt gedeeld door alle klanten van het CRM. Laat u het bereik toe zonder meer, dan kan elke andere CRM-klant via uw mailserver mail versturen, met elk afzenderadres. Daarom beperkt elk voorbeeld hieronder de afzenders tot uw eigen domein(en).',
    'panel.safer':
      'Veiliger is "Gebruikersnaam en wachtwoord": dan mailt alleen wie uw wachtwoord kent. Kies dat als uw mailserver het ondersteunt.',
    'panel.domains': 'Uw eigen domein(en)',
    'panel.domainsHelp': 'De domeinen waarvan het CRM mag verzenden, gescheiden door komma\'s, bijvoorbeeld uwdomein.nl, uwdomein.be. Ze worden in elk voorbeeld ingevuld.',
    'panel.domainsMissing': 'Vul hierboven uw domein(en) in; tot dan staat er "uwdomein.nl" in de voorbeelden.',
    'panel.office365':
      'Microsoft 365 staat geen IP Whitelisting toe voor het CRM: het bereik wordt gedeeld met andere organisaties, en een connector op basis van IP-adressen of een certificaat werkt daarvoor niet. Kies voor Microsoft 365 "Gebruikersnaam en wachtwoord" met smtp.office365.com, poort 587 en "Gebruik TLS".',
    'snippet.postfix':
      'Postfix: het CRM-bereik mag alleen doorsturen voor afzenders van uw eigen domein(en). Zet het bereik dus niet in mynetworks. Maak de twee bestanden aan, voer "postmap /etc/postfix/crm_sender_domains" uit en daarna "postfix reload".',
    'snippet.exchange':
      'Exchange Server: in de Exchange Management Shell een receive connector alleen voor het CRM-bereik, plus een transportregel die vanaf dat bereik alleen afzenders van uw eigen domein(en) doorlaat.',
    'snippet.google-workspace':
      'Google Workspace: Beheerdersconsole › Apps › Google Workspace › Gmail › Routering › SMTP-relayservice › Configureren; vul deze waarden in.',
    'snippet.exim':
      'Exim: zet het CRM-bereik niet in relay_from_hosts, maar geef het een eigen ACL die alleen afzenders van uw eigen domein(en) doorlaat. Debian: de lijsten in /etc/exim4/conf.d/main/, de ACL in /etc/exim4/conf.d/acl/30_exim4-config_check_rcpt; daarna update-exim4.conf en Exim herstarten.',
    'snippet.hmailserver':
      'hMailServer: Settings › Advanced › IP Ranges › Add; vul het laagste en hoogste adres in en sta alleen aflevering vanaf lokale adressen toe.',
    'placeholder.domain': 'uwdomein.nl',
    'comment.postfix.main': 'laat uw bestaande regels staan en voeg dit toe',
    'comment.postfix.relay': 'voeg check_client_access toe aan uw eigen smtpd_relay_restrictions, vóór permit_mynetworks',
    'comment.postfix.clients': 'het CRM-bereik, gedeeld door alle CRM-klanten',
    'comment.postfix.domains': 'uw eigen domein(en), één per regel; daarna: postmap /etc/postfix/crm_sender_domains',
    'comment.exchange.connector': 'Receive connector alleen voor het CRM-bereik (gedeeld door alle CRM-klanten)',
    'comment.exchange.rule': 'Weiger vanaf dit bereik elke afzender buiten uw eigen domein(en)',
    'comment.exchange.ruleName': 'alleen eigen afzenders',
    'google.allowed': 'Toegestane afzenders',
    'google.onlyMyDomains': 'Alleen adressen in mijn domeinen',
    'google.onlyIps': 'Alleen e-mail accepteren van de opgegeven IP-adressen',
    'google.requireTls': 'TLS-versleuteling vereisen',
    'google.on': 'aan',
    'comment.google.domains': 'Van moet een adres zijn in een van de domeinen van uw organisatie',
    'comment.exim.main': 'Hoofdconfiguratie: het CRM-bereik (gedeeld door alle CRM-klanten) en uw eigen domein(en)',
    'comment.exim.acl': 'In acl_check_rcpt, vóór de regel "accept hosts = +relay_from_hosts":',
    'comment.hmail': 'Nooit "External to external": dan kan iedereen in het gedeelde CRM-bereik via uw server mailen',
  },
  {
    'range.summary': 'The CRM sends from {canonical}: {first} to {last} ({count} addresses).',
    'panel.shared':
      'Note: every customer of the CRM shares this range. If you simply allow the range, every other CRM customer can send mail through your mail server, with any sender address. That is why every example below limits the senders to your own domain(s).',
    'panel.safer': 'Safer is "Gebruikersnaam en wachtwoord" (user name and password): then only someone who knows your password can send. Choose it if your mail server supports it.',
    'panel.domains': 'Your own domain(s)',
    'panel.domainsHelp': 'The domains the CRM may send from, separated by commas, for example yourdomain.com, yourdomain.be. They are filled into every example.',
    'panel.domainsMissing': 'Enter your domain(s) above; until then the examples say "yourdomain.com".',
    'panel.office365':
      'Microsoft 365 allows no IP whitelisting for the CRM: the range is shared with other organisations, and a connector based on IP addresses or a certificate does not work for that. For Microsoft 365 choose "Gebruikersnaam en wachtwoord" with smtp.office365.com, port 587 and "Gebruik TLS".',
    'snippet.postfix':
      'Postfix: the CRM range may relay only for senders of your own domain(s). So do not put the range in mynetworks. Create the two files, run "postmap /etc/postfix/crm_sender_domains", then "postfix reload".',
    'snippet.exchange':
      'Exchange Server: in the Exchange Management Shell, a receive connector for the CRM range only, plus a transport rule that lets through only senders of your own domain(s) from that range.',
    'snippet.google-workspace':
      'Google Workspace: Admin console › Apps › Google Workspace › Gmail › Routing › SMTP relay service › Configure; enter these values.',
    'snippet.exim':
      'Exim: do not put the CRM range in relay_from_hosts; give it an ACL of its own that lets through only senders of your own domain(s). Debian: the lists in /etc/exim4/conf.d/main/, the ACL in /etc/exim4/conf.d/acl/30_exim4-config_check_rcpt; then update-exim4.conf and restart Exim.',
    'snippet.hmailserver': 'hMailServer: Settings › Advanced › IP Ranges › Add; enter the lowest and highest address and allow delivery from local addresses only.',
    'placeholder.domain': 'yourdomain.com',
    'comment.postfix.main': 'keep your existing lines and add these',
    'comment.postfix.relay': 'add check_client_access to your own smtpd_relay_restrictions, before permit_mynetworks',
    'comment.postfix.clients': 'the CRM range, shared by every CRM customer',
    'comment.postfix.domains': 'your own domain(s), one per line; then: postmap /etc/postfix/crm_sender_domains',
    'comment.exchange.connector': 'Receive connector for the CRM range only (shared by every CRM customer)',
    'comment.exchange.rule': 'Reject every sender outside your own domain(s) from this range',
    'comment.exchange.ruleName': 'own senders only',
    'google.allowed': 'Allowed senders',
    'google.onlyMyDomains': 'Only addresses in my domains',
    'google.onlyIps': 'Only accept mail from the specified IP addresses',
    'google.requireTls': 'Require TLS encryption',
    'google.on': 'on',
    'comment.google.domains': 'The From must be an address in one of your organisation\'s domains',
    'comment.exim.main': 'Main configuration: the CRM range (shared by every CRM customer) and your own domain(s)',
    'comment.exim.acl': 'In acl_check_rcpt, before the line "accept hosts = +relay_from_hosts":',
    'comment.hmail': 'Never "External to external": then anyone in the shared CRM range can send mail through your server',
  },
);
