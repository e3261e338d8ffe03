import { describe, expect, test } from 'vitest';
import { exportJson, parseImport } from './transfer';
import { summaryText } from './summary-text';

describe('export / import', () => {
  test('an export round-trips and never holds a password', () => {
    const json = exportJson({ settings: { host: 'smtp.example.nl', port: 587, password: 'x' } as never, prefs: { lang: 'en' } });
    expect(json).not.toContain('password');
    const r = parseImport(json);
    expect(r.ok && r.state.settings?.host).toBe('smtp.example.nl');
  });
  test.each([
    ['not JSON', '{"settings": ', 'json'],
    ['an array', '[]', 'shape'],
    ['JSON without our marker', '{"settings": {}}', 'shape'],
    ['a wrong field type', '{"kind":"mailserver-assistent","version":1,"settings":{"port":{"x":1}}}', 'shape'],
    ['another version', '{"kind":"mailserver-assistent","version":2}', 'shape'],
  ])('refuses %s', (_name, text, problem) => {
    const r = parseImport(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toBe(problem);
  });
});

describe('summary text', () => {
  test('has the CRM labels and never the password', () => {
    const text = summaryText({ host: 'smtp.office365.com', port: 587, encryption: 'tls', authMethod: 'password', username: 'a@b.nl', password: 'Sup3r' }, {}, 'nl', '212.61.168.1/27');
    expect(text).toContain('Hostnaam: smtp.office365.com');
    expect(text).toContain('Encryptie: Gebruik TLS');
    expect(text).not.toContain('Sup3r');
  });
});
