import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { LangContext } from '@/components/lang';
import { WhitelistPanel } from './WhitelistPanel';

afterEach(() => cleanup());

const snippet = () => screen.getByTestId('snippet-text').textContent ?? '';

describe('WhitelistPanel: the shared CRM range, the customer\'s domains in every snippet', () => {
  test('says plainly that the range is shared and that a login is safer; the CRM\'s Domein is filled in', () => {
    render(<WhitelistPanel range="212.61.168.1/27" domain="bakkerij-jansen.nl" />);
    expect(screen.getByTestId('range-shared').textContent).toContain('gedeeld door alle klanten van het CRM');
    expect(document.body.textContent).toContain('Veiliger is "Gebruikersnaam en wachtwoord"');
    expect((screen.getByLabelText('Uw eigen domein(en)') as HTMLInputElement).value).toBe('bakkerij-jansen.nl');
    expect(snippet()).toContain('bakkerij-jansen.nl OK');
    expect(snippet()).toContain('check_sender_access');
  });

  test('typed domains reach every snippet kind that names them; a bad one is a named finding', () => {
    render(<WhitelistPanel range="212.61.168.0/27" />);
    expect(snippet()).toContain('uwdomein.nl OK');
    fireEvent.input(screen.getByLabelText('Uw eigen domein(en)'), { target: { value: 'a.nl, b.be' } });
    expect(snippet()).toMatch(/a\.nl OK\nb\.be OK/);
    fireEvent.click(screen.getByRole('radio', { name: 'Exchange Server' }));
    expect(snippet()).toContain('-ExceptIfSenderDomainIs "a.nl","b.be"');
    fireEvent.click(screen.getByRole('radio', { name: 'Exim' }));
    expect(snippet()).toContain('domainlist crm_sender_domains = a.nl : b.be');
    fireEvent.input(screen.getByLabelText('Uw eigen domein(en)'), { target: { value: 'a.nl, http://x' } });
    expect(document.querySelector('[data-finding="domain-invalid"]')).not.toBeNull();
    expect(snippet()).toContain('a.nl');
  });

  test('comments inside the snippets follow the UI language', () => {
    render(
      <LangContext.Provider value="en">
        <WhitelistPanel range="212.61.168.0/27" domain="a.nl" />
      </LangContext.Provider>,
    );
    expect(snippet()).toContain('# /etc/postfix/crm_sender_domains — your own domain(s)');
    expect(snippet()).not.toContain('uw eigen');
    expect(screen.getByTestId('range-shared').textContent).toContain('every customer of the CRM shares this range');
  });
});
