import { expect, test } from 'vitest';
import { urlMatches, urlMatchesAny } from './match-pattern';

test.each([
  ['https://app.perfectview.nl/', 'https://app.perfectview.nl/*', true],
  ['https://app.perfectview.nl/crm/#/settings/mail?x=1', 'https://app.perfectview.nl/*', true],
  ['http://app.perfectview.nl/', 'https://app.perfectview.nl/*', false],
  ['https://app.perfectview.nl.evil.com/', 'https://app.perfectview.nl/*', false],
  ['https://evil.com/app.perfectview.nl/', 'https://app.perfectview.nl/*', false],
  ['https://x.app.perfectview.nl/', 'https://app.perfectview.nl/*', false],
  ['http://127.0.0.1:43123/smtp-a.html', 'http://127.0.0.1/*', true],
  ['http://127.0.0.1:43123/smtp-a.html', 'http://127.0.0.1:8080/*', false],
  ['http://localhost/', 'http://127.0.0.1/*', false],
  ['https://crm.example.nl/a', '*://*.example.nl/*', true],
  ['https://example.nl/a', '*://*.example.nl/*', true],
  ['ftp://example.nl/a', '*://*.example.nl/*', false],
  ['https://app.perfectview.nl/a', 'https://app.perfectview.nl/crm/*', false],
  ['not a url', 'https://app.perfectview.nl/*', false],
  ['https://app.perfectview.nl/', 'garbage', false],
])('%s under %s → %s', (url, pattern, want) => expect(urlMatches(url, pattern)).toBe(want));

test('urlMatchesAny', () => {
  expect(urlMatchesAny(undefined, ['https://app.perfectview.nl/*'])).toBe(false);
  expect(urlMatchesAny('https://app.perfectview.nl/x', ['http://127.0.0.1/*', 'https://app.perfectview.nl/*'])).toBe(true);
});
