import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMailDns, discover } from './discover';
import { INCLUDED_SPF, startDns, type TestDns } from './testing/dns';

// A DNS server that loses some questions (no answer at all), behind a resolver configured as in production
// (3 s per try, 2 tries): discover answers with what is known by its deadline. How fast is `npm run bench`'s job.
const SRV = 33;
const MX = 15;
/** Timer and event-loop slack on a busy 2-core machine: a bound on top of the configured deadline, not a speed claim. */
const GRACE = 1000;
let dns: TestDns;

beforeAll(async () => {
  dns = await startDns(
    {
      ...INCLUDED_SPF,
      'traag-bedrijf.nl': { mx: [{ exchange: 'traag-bedrijf-nl.mail.protection.outlook.com', priority: 0 }], txt: ['v=spf1 include:spf.protection.outlook.com -all'] },
      'geen-mx-antwoord.nl': { mx: [{ exchange: 'mx.geen-mx-antwoord.nl', priority: 10 }], txt: ['v=spf1 mx -all'] },
    },
    {
      drop: (name, type) =>
        type === SRV || name.startsWith('_dmarc.') || (name === 'geen-mx-antwoord.nl' && type === MX),
    },
  );
});
afterAll(() => dns?.close());

describe('discover with a DNS server that drops some questions', () => {
  test('SRV and DMARC unanswered: the MX-based provider and the SPF advice come by the deadline, nothing is claimed about DMARC', async () => {
    const deadlineMs = 1500;
    const started = Date.now();
    const r = await discover({ email: 'info@traag-bedrijf.nl' }, createMailDns([dns.server], 3000), { deadlineMs });
    expect(Date.now() - started).toBeLessThanOrEqual(deadlineMs + GRACE);
    expect(r.domain).toEqual({ name: 'traag-bedrijf.nl', mx: ['traag-bedrijf-nl.mail.protection.outlook.com'], spf: 'v=spf1 include:spf.protection.outlook.com -all' });
    expect(r.candidates.map((c) => c.settings.host)).toContain('smtp.office365.com');
    expect(r.candidates.some((c) => c.source === 'srv')).toBe(false);
    // DMARC is unknown, not missing: no "dmarc-missing" advice on a question that got no answer.
    expect(r.findings.map((f) => f.code)).not.toContain('dmarc-missing');
    expect(dns.queries.some((q) => q.type === SRV)).toBe(true); // the questions were asked, and lost
  });

  test('MX unanswered: says the look-up failed and falls back to the guesses, with the SPF it did get', async () => {
    const deadlineMs = 1500;
    const started = Date.now();
    const r = await discover({ domain: 'geen-mx-antwoord.nl' }, createMailDns([dns.server], 3000), { deadlineMs });
    expect(Date.now() - started).toBeLessThanOrEqual(deadlineMs + GRACE);
    expect(r.domain).toMatchObject({ name: 'geen-mx-antwoord.nl', mx: [], spf: 'v=spf1 mx -all' });
    expect(r.findings.find((f) => f.code === 'dns-lookup-failed')).toMatchObject({ severity: 'warning', params: { domain: 'geen-mx-antwoord.nl' } });
    expect(r.candidates.map((c) => `${c.settings.host}:${c.settings.port}`)).toEqual([
      'smtp.geen-mx-antwoord.nl:587',
      'smtp.geen-mx-antwoord.nl:465',
      'mail.geen-mx-antwoord.nl:587',
      'mail.geen-mx-antwoord.nl:465',
    ]);
  });
});
