import { describe, expect, it } from 'vitest';
import { LANGS, findingText, format } from './index';
import { findingMessages } from './findings';
import { probeFindingMessages } from './probe-findings';
import { FINDING_CODES, SETTINGS_FINDING_CODES, VALIDATION_FINDING_CODES, type Finding } from '../findings';
import { PROBE_FINDING_CODES } from '../probe-findings';
import { checkSettings } from '../rules';
import { parseCrmRange, parseSenderDomains, rangeSnippets, SNIPPET_KINDS } from '../crm-range';
import { checkValidationInput } from '../validation-input';
import { PRESETS, presetToDraft } from '../presets';
import { ENCRYPTIONS, type SettingsDraft } from '../settings';
import { crmRangeMessages } from './crm-range';

type Catalog = { nl: Record<string, string>; en: Record<string, string> };
const isCatalog = (v: unknown): v is Catalog =>
  !!v && typeof v === 'object' && 'nl' in v && 'en' in v && typeof (v as Catalog).nl === 'object' && typeof (v as Catalog).en === 'object';

// Every catalogue under lib/i18n, including ones added later: any export shaped { nl, en }.
const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts'], { eager: true });
const CATALOGS: [string, Catalog][] = Object.entries(modules).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter(([, v]) => isCatalog(v))
    .map(([name, v]) => [`${file.replace('./', '')} ${name}`, v as Catalog] as [string, Catalog]),
);
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('finds the catalogues', () => {
    const names = CATALOGS.map(([n]) => n);
    expect(names).toEqual(expect.arrayContaining(['findings.ts findingMessages', 'probe-findings.ts probeFindingMessages', 'crm-range.ts crmRangeMessages']));
  });

  describe.each(CATALOGS)('%s', (_, cat) => {
    it('has the same keys in nl and en', () => {
      expect(Object.keys(cat.en).sort()).toEqual(Object.keys(cat.nl).sort());
    });
    it('has no empty strings', () => {
      for (const lang of LANGS) {
        const empty = Object.entries(cat[lang]).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
        expect(empty.map(([k]) => `${lang}:${k}`)).toEqual([]);
      }
    });
    it('uses the same {placeholders} in nl and en', () => {
      const differ = Object.keys(cat.nl).filter((k) => k in cat.en && placeholders(cat.nl[k]!).join() !== placeholders(cat.en[k]!).join());
      expect(differ).toEqual([]);
    });
  });
});

describe('finding texts', () => {
  it.each(LANGS)('every settings and validation finding code has text (%s)', (lang) => {
    const missing = [...SETTINGS_FINDING_CODES, ...VALIDATION_FINDING_CODES].filter((c) => !findingMessages[lang][c as keyof typeof findingMessages.nl]);
    expect(missing).toEqual([]);
  });
  it.each(LANGS)('every probe finding code has text (%s)', (lang) => {
    const texts = probeFindingMessages[lang] as Record<string, string>;
    expect(PROBE_FINDING_CODES.filter((c) => !texts[c])).toEqual([]);
  });
  it('every key is a known code or code.variant', () => {
    const known = new Set<string>(FINDING_CODES);
    const stray = [...Object.keys(findingMessages.nl), ...Object.keys(probeFindingMessages.nl)].filter((k) => !known.has(k.split('.')[0]!));
    expect(stray).toEqual([]);
  });
});

/** Findings the rules really emit, over a broad set of inputs: their texts must be complete. */
function emittedFindings(): Finding[] {
  const out: Finding[] = [];
  const hosts = ['mail.example.nl', 'imap.example.nl', 'outlook.office365.com', 'smtp.office365.com', 'smtp.gmail.com', 'smtp-relay.gmail.com', 'smtp-mail.outlook.com', 'contoso-com.mail.protection.outlook.com', 'smtppro.zoho.eu', 'smtp.azurecomm.net', 'mail.zeelandnet.nl', 'smtp.kpnmail.nl', '', 'x:25', 'http://x', 'a\nb', '0x7f.1'];
  const ports: SettingsDraft['port'][] = [25, 465, 587, 2525, 2526, 0, 70000, '', 'abc', undefined];
  for (const host of hosts)
    for (const port of ports)
      for (const encryption of [...ENCRYPTIONS, undefined])
        for (const authMethod of ['password', 'ip-whitelist', undefined])
          for (const mode of ['relay', 'mailbox'])
            for (const password of ['Summer2025!', '', undefined])
              out.push(...checkSettings({ host, port, encryption, authMethod, mode, username: host ? (port === 465 ? 'jan@zeelandnet.nl' : 'jan') : '', password }, { now: new Date(port === 25 ? '2027-06-01' : '2026-06-01') }));
  out.push(...checkSettings({ host: 'mail.example.nl', port: 587, encryption: 'tls', authMethod: 'password', username: 'a\n', password: 'b\r' }));
  for (const p of PRESETS) out.push(...checkSettings({ ...presetToDraft(p, { email: 'a@example.nl' }), password: 'x' }));
  for (const r of ['212.61.168.1/27', '', '::1/128', '1.2.3.4', 'x']) out.push(...parseCrmRange(r).findings);
  out.push(...parseSenderDomains('uwdomein.nl, x@@y, nl').findings);
  for (const v of [{ domain: '', from: 'a', to: 'Jan <b@c.nl>' }, { domain: 'c.nl', from: 'a@d.nl', to: 'a@d.nl' }, { domain: 'c.nl', from: 'a@c.nl', to: 'A@c.nl' }]) out.push(...checkValidationInput(v));
  return out;
}

describe('texts of emitted findings', () => {
  const findings = emittedFindings();
  const unique = [...new Map(findings.map((f) => [JSON.stringify([f.code, f.variant, Object.keys(f.params ?? {}).sort()]), f])).values()];

  it('covers every settings and validation code', () => {
    const seen = new Set(findings.map((f) => f.code));
    expect([...SETTINGS_FINDING_CODES, ...VALIDATION_FINDING_CODES].filter((c) => !seen.has(c))).toEqual([]);
  });
  it.each(LANGS)('every {param} in the text is provided by the rule (%s)', (lang) => {
    const broken = unique
      .map((f) => ({ key: `${f.code}${f.variant ? `.${f.variant}` : ''}`, text: findingText(f, lang) }))
      .filter(({ text }) => /\{\w+\}/.test(text));
    expect(broken).toEqual([]);
  });
  it.each(LANGS)('every emitted finding has real text, not its code (%s)', (lang) => {
    expect(unique.filter((f) => findingText(f, lang) === f.code).map((f) => f.code)).toEqual([]);
  });
});

describe('crm-range snippet texts', () => {
  it('comments inside the snippets are in the UI language (issue 14 §9)', () => {
    const r = { canonical: '1.2.3.0/24', first: '1.2.3.0', last: '1.2.3.255' };
    const nl = rangeSnippets(r, { lang: 'nl', domains: ['a.nl'] });
    const en = rangeSnippets(r, { lang: 'en', domains: ['a.nl'] });
    for (const k of SNIPPET_KINDS) {
      const n = nl.find((s) => s.kind === k)!.text;
      const e = en.find((s) => s.kind === k)!.text;
      expect(n, k).not.toEqual(e);
      expect(n, k).toMatch(/\b(uw|het|alleen|de)\b/);
      expect(e, k).toMatch(/\b(your|the|only)\b/);
    }
  });
  it('has a text for every snippet kind, and the summary formats completely', () => {
    for (const lang of LANGS) {
      for (const k of SNIPPET_KINDS) expect(crmRangeMessages[lang][`snippet.${k}`]).toBeTruthy();
      const r = parseCrmRange();
      if (!r.ok) throw new Error('default range must parse');
      expect(format(crmRangeMessages[lang]['range.summary'], { canonical: r.range.canonical, first: r.range.first, last: r.range.last, count: r.range.count })).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('Dutch wording of the advice (issue 8 §8)', () => {
  const nlTexts = [findingMessages.nl, probeFindingMessages.nl, crmRangeMessages.nl].flatMap((c) => Object.entries(c));
  it('natural Dutch: "valt ongemerkt terug", not "valt stil terug"', () => {
    expect(nlTexts.filter(([, t]) => /stil terug/.test(t)).map(([k]) => k)).toEqual([]);
    expect(findingMessages.nl['tls-downgradable']).toContain('valt ongemerkt terug');
  });
  it('one name per console: Google\'s is "Beheerdersconsole › … › Routering" everywhere', () => {
    const google = nlTexts.filter(([, t]) => /SMTP-relayservice/.test(t));
    expect(google.length).toBeGreaterThan(2);
    for (const [k, t] of google) {
      expect(t, k).toContain('Beheerdersconsole');
      expect(t, k).toContain('› Routering ›');
      expect(t, k).not.toMatch(/Admin-console|› Routing ›/);
    }
  });
  it('SMTP needs "Verzenden als"; "verzenden namens" is never the advised right', () => {
    expect(nlTexts.filter(([, t]) => /recht "verzenden namens"|"verzenden namens"-rechten/i.test(t)).map(([k]) => k)).toEqual([]);
    for (const k of ['mailbox-send-as', 'mailbox-new-user'] as const) expect(findingMessages.nl[k]).toContain('"Verzenden als"');
    expect(probeFindingMessages.nl['send-as-denied']).toContain('(kies de gebruiker');
  });
});
