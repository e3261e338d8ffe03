import fc from 'fast-check';

/**
 * Building blocks of a generated CRM page (test support for the property test, not product code):
 * the SMTP form in a table, div/grid, definition list or fieldset; labels before, above, in the previous
 * cell, label[for] or wrapping, in the CRM's spellings and typos; hidden and decoy twins around each
 * control; Encryptie/Authenticatie as native radios, custom role=radio or a <select>; inline or in a modal.
 */

export const TEXT_FIELDS = ['host', 'port', 'username', 'password'] as const;
export type TF = (typeof TEXT_FIELDS)[number];
export const ENC = ['none', 'ssl', 'tls-if-available', 'tls'] as const;
export const AUTH = ['password', 'ip-whitelist'] as const;

export type Layout = 'table' | 'grid' | 'dl' | 'fieldset';
export type Placement = 'before' | 'above' | 'cell' | 'for' | 'wrap';
export type Twin = 'hidden-input' | 'display-none' | 'class-hidden' | 'offscreen' | 'zero' | 'disabled' | 'readonly' | 'aria-hidden' | 'hidden-attr';
export type ChoiceKind = 'native' | 'custom' | 'select';
export type OptionLabel = 'for' | 'wrap' | 'bare' | 'next-cell';

export interface FieldSpec {
  label: string;
  placement: Placement;
  /** Twins in the same cell, before (true) or after (false) the real control. */
  twins: { kind: Twin; before: boolean }[];
  /** A whole hidden row/block with the same label and a control, before the real one. */
  hiddenRowBefore: boolean;
}

export interface ChoiceSpec {
  kind: ChoiceKind;
  optionLabel: OptionLabel;
  /** Options per row (table: columns); 1 puts each option on its own row. */
  perRow: 1 | 2;
  /** A hidden copy of the whole group before the real one. */
  hiddenCopy: boolean;
}

export interface PageSpec {
  layout: Layout;
  container: 'inline' | 'modal' | 'dialog';
  fields: Record<TF, FieldSpec>;
  encryption: ChoiceSpec;
  auth: ChoiceSpec;
  /** Visible unrelated fields (a search box named "host", Omschrijving, …). */
  extras: ('search' | 'omschrijving' | 'afzender')[];
  initial: { host: string; port: string; encryption: (typeof ENC)[number]; auth: (typeof AUTH)[number]; username: string; password: string };
  target: { host: string; port: number; encryption: (typeof ENC)[number]; authMethod: (typeof AUTH)[number]; username: string; password: string };
  idBase: number;
}

/** The CRM's label and the spellings a page may show instead (typos, colon, case, nbsp, spaces). */
export const LABEL_SPELLINGS: Record<TF, string[]> = {
  host: ['Hostnaam', 'Hostnaam:', 'HOSTNAAM', 'Host naam', 'Hostnaam *', 'hostnaam\u00a0:'],
  port: ['Poortnummer', 'Poort nummer', 'Poortnummer:', 'Poort\u00a0nummer', 'POORTNUMMER *', 'Poortnumer'],
  username: ['Gebruikersnaam', 'Gebruikernaam', 'Gebruikersnaam:', 'gebruikers naam', 'Gebruikersnaam\u00a0*'],
  password: ['Wachtwoord', 'Wachtwoord:', 'WACHTWOORD', 'Wachtwoord *', 'Wachtwoord\u00a0:'],
};

const twin = fc.record({
  kind: fc.constantFrom<Twin>('hidden-input', 'display-none', 'class-hidden', 'offscreen', 'zero', 'disabled', 'readonly', 'aria-hidden', 'hidden-attr'),
  before: fc.boolean(),
});

const field = (f: TF, layout: Layout) =>
  fc.record({
    label: fc.constantFrom(...LABEL_SPELLINGS[f]),
    placement: fc.constantFrom<Placement>(...(layout === 'table' ? (['cell', 'above', 'for'] as const) : layout === 'fieldset' ? (['before', 'for', 'wrap'] as const) : (['before', 'above', 'for'] as const))),
    twins: fc.array(twin, { maxLength: 3 }),
    hiddenRowBefore: fc.boolean(),
  });

const choice = (layout: Layout) =>
  fc.record({
    kind: fc.constantFrom<ChoiceKind>('native', 'custom', 'select'),
    optionLabel: fc.constantFrom<OptionLabel>(...(layout === 'table' ? (['for', 'wrap', 'bare', 'next-cell'] as const) : (['for', 'wrap', 'bare'] as const))),
    perRow: fc.constantFrom<1 | 2>(1, 2),
    hiddenCopy: fc.boolean(),
  });

const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), minLength: 1, maxLength: 10 });

export const pageSpec: fc.Arbitrary<PageSpec> = fc.constantFrom<Layout>('table', 'grid', 'dl', 'fieldset').chain((layout) =>
  fc.record({
    layout: fc.constant(layout),
    container: fc.constantFrom<'inline' | 'modal' | 'dialog'>('inline', 'modal', 'dialog'),
    fields: fc.record({ host: field('host', layout), port: field('port', layout), username: field('username', layout), password: field('password', layout) }),
    encryption: choice(layout),
    auth: choice(layout),
    extras: fc.subarray(['search', 'omschrijving', 'afzender'] as const),
    initial: fc.record({
      host: fc.oneof(fc.constant(''), word.map((w) => `smtp.${w}.nl`)),
      port: fc.constantFrom('', '25', '465', '587'),
      encryption: fc.constantFrom(...ENC),
      auth: fc.constantFrom(...AUTH),
      username: fc.oneof(fc.constant(''), word),
      password: fc.constant(''),
    }),
    target: fc.record({
      host: word.map((w) => `mail.${w}.nl`),
      port: fc.constantFrom(25, 465, 587, 2525),
      encryption: fc.constantFrom(...ENC),
      authMethod: fc.constantFrom(...AUTH),
      username: word.map((w) => `${w}@bedrijf.nl`),
      password: word.map((w) => `Pw-${w}!`),
    }),
    idBase: fc.integer({ min: 100, max: 9000 }),
  }),
);
