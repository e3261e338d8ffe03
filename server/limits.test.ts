import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, clientKey } from './client-ip';
import { parseCidr } from './ip';
import { markProbed, testApp, type TestApp } from './testing/app';
import { startDns } from './testing/dns';
import { closedPort, makeCert, startRaw, startSmtp, type TestCert, type TestSmtp } from './testing/smtp';

// Every abuse limit (SECURITY.md, "Backend in public") with a request that tries to get around it.
const USER = 'crm@test.nl';
const PASS = 'L1mits-Wachtwoord!';
let cert: TestCert;
let smtp: TestSmtp;
let refused: number;
let dns: Awaited<ReturnType<typeof startDns>>;
const apps: TestApp[] = [];
const timeouts = { connect: 1000, greeting: 1500, tls: 1000, command: 1500, send: 4000 };

function app(input: Parameters<typeof testApp>[0], deps: Parameters<typeof testApp>[1] = {}) {
  const a = testApp({ extraPorts: [smtp.port, refused], extraCa: [cert.cert], dnsServers: [dns.server], timeouts, ...input }, deps);
  apps.push(a);
  return a;
}

const probeBody = (host: string, over: object = {}) => ({ host, port: refused, encryption: 'tls', ...over });
const authProbe = (host: string, username = USER, password = PASS) => ({ host, port: smtp.port, encryption: 'tls', auth: { method: 'password', username, password }, mode: 'relay' });
const settings = (over: object = {}) => ({ host: 'smtp.test.nl', port: smtp.port, encryption: 'tls', auth: { method: 'password', username: USER, password: PASS }, mode: 'relay', ...over });
const validation = (to = 'piet@test.nl', over: object = {}) => ({ settings: settings(), domain: 'test.nl', from: 'jan@test.nl', to, ...over });

beforeAll(async () => {
  cert = await makeCert(['smtp.test.nl', 'mail.test.nl', '127.0.0.1']);
  smtp = await startSmtp({ cert, users: { [USER]: PASS } });
  refused = await closedPort();
  dns = await startDns({ 'smtp.test.nl': { a: ['127.0.0.1'] }, 'mail.test.nl': { a: ['127.0.0.1'] }, 'other.test.nl': { a: ['127.0.0.1'] },
    // internal zones the DNS server does know: discover must still answer "not found"
    ...Object.fromEntries(['corp.internal', 'printer.local', 'kv.home.arpa', 'nas.lan', 'mail.localhost'].map((n) => [n, { mx: [{ exchange: `mx.${n}`, priority: 10 }], txt: ['v=spf1 -all'] }])),
  });
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.app.close()));
  await Promise.all([smtp.close(), dns.close()]);
});

describe('client keys', () => {
  it('IPv6 by /64, IPv4 by /32, IPv4-mapped as IPv4', () => {
    expect(clientKey('2001:db8:1:2::1')).toBe(clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('198.51.100.7')).not.toBe(clientKey('198.51.100.8'));
    expect(clientKey('::ffff:198.51.100.7')).toBe(clientKey('198.51.100.7'));
  });

  it('X-Forwarded-For only from a trusted proxy, the fixed hop, and only when it is an IP', () => {
    const proxies = [parseCidr('10.0.0.0/24')];
    expect(clientAddress('10.0.0.5', '198.51.100.1', proxies, 1)).toBe('198.51.100.1');
    // the client's own entries further left change nothing
    expect(clientAddress('10.0.0.5', '203.0.113.9, 198.51.100.1', proxies, 1)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.5', '203.0.113.9, 198.51.100.1, 10.0.0.4', proxies, 2)).toBe('198.51.100.1');
    // not from a proxy: the header is ignored
    expect(clientAddress('198.51.100.50', '203.0.113.9', proxies, 1)).toBe('198.51.100.50');
    // not an IP: the proxy's own address
    for (const bad of ['unknown', 'evil.example', '198.51.100.1:80', '', '1.2.3.4.5']) expect(clientAddress('10.0.0.5', bad, proxies, 1)).toBe('10.0.0.5');
    // no proxies configured: never believed
    expect(clientAddress('10.0.0.5', '198.51.100.1', [], 1)).toBe('10.0.0.5');
  });
});

describe('probe limits', () => {
  it('per client: another address in the same IPv6 /64 is the same client; another /64 is not', async () => {
    const a = app({ rates: { probePerClient: [2, 60] } });
    expect((await a.postFrom('2001:db8:1:2::1', '/v1/probe', probeBody('127.0.0.1'))).status).toBe(200);
    expect((await a.postFrom('2001:db8:1:2::2', '/v1/probe', probeBody('127.0.0.2'))).status).toBe(200);
    const third = await a.postFrom('2001:db8:1:2:abcd::9', '/v1/probe', probeBody('127.0.0.3'));
    expect(third.status).toBe(429);
    expect(third.json.error).toMatchObject({ code: 'rate_limited', params: { limit: 'probeClient' } });
    expect((await a.postFrom('2001:db8:1:3::1', '/v1/probe', probeBody('127.0.0.1'))).status).toBe(200);
  });

  it('points are taken only after parsing and the guard: refused requests do not use up the bucket', async () => {
    const a = app({ rates: { probePerClient: [1, 60] } });
    for (const bad of [probeBody('smtp.x.nl:587'), probeBody('127.0.0.1', { port: 22 }), probeBody('10.0.0.1'), { host: 1 }, probeBody('localhost')]) {
      expect((await a.postFrom('198.51.100.20', '/v1/probe', bad)).status).toBe(400);
    }
    expect((await a.postFrom('198.51.100.20', '/v1/probe', probeBody('127.0.0.1'))).status).toBe(200);
  });

  it('per target by resolved IP: another name for the same address is the same target; one client cannot lock it for others', async () => {
    const a = app({ rates: { probePerTarget: [2, 60], probePerTargetGlobal: [4, 60] } });
    expect((await a.postFrom('198.51.100.1', '/v1/probe', probeBody('smtp.test.nl'))).status).toBe(200);
    expect((await a.postFrom('198.51.100.1', '/v1/probe', probeBody('mail.test.nl'))).status).toBe(200);
    const third = await a.postFrom('198.51.100.1', '/v1/probe', probeBody('127.0.0.1'));
    expect(third.status).toBe(429);
    expect(third.json.error.params.limit).toBe('probeTarget');
    // another client still gets through (per client × target) ...
    expect((await a.postFrom('198.51.100.2', '/v1/probe', probeBody('other.test.nl'))).status).toBe(200);
    expect((await a.postFrom('198.51.100.3', '/v1/probe', probeBody('smtp.test.nl'))).status).toBe(200);
    // ... until the larger global cap for the address is used up
    const global = await a.postFrom('198.51.100.4', '/v1/probe', probeBody('mail.test.nl'));
    expect(global.status).toBe(429);
    expect(global.json.error.params.limit).toBe('probeTargetGlobal');
  });

  it('at most 2 running probes per client (other addresses in the /64 included); other clients still run', async () => {
    const sockets: net.Socket[] = [];
    const silent = await startRaw((s) => sockets.push(s)); // accepts, never greets
    try {
      const a = app({ extraPorts: [silent.port], limits: { probesPerClient: 2, concurrentProbes: 10 }, timeouts: { ...timeouts, greeting: 5000, overall: 6000 } });
      const body = { host: '127.0.0.1', port: silent.port, encryption: 'none' };
      const one = a.postFrom('2001:db8:9:9::1', '/v1/probe', body);
      const two = a.postFrom('2001:db8:9:9::2', '/v1/probe', body);
      await expect.poll(() => sockets.length).toBe(2);
      const third = await a.postFrom('2001:db8:9:9::3', '/v1/probe', body);
      expect(third.status).toBe(429);
      expect(third.json.error.params.limit).toBe('probesRunningPerClient');
      const other = a.postFrom('2001:db8:9:8::1', '/v1/probe', body);
      await expect.poll(() => sockets.length).toBe(3);
      for (const s of sockets) s.destroy();
      expect((await Promise.all([one, two, other])).map((r) => r.status)).toEqual([200, 200, 200]);
    } finally {
      await silent.close();
    }
  });

  it('failed logins: 3 per (target IP, user name) per hour, then refused before connecting, whatever the name or case', async () => {
    const a = app({ rates: { loginFailures: [3, 3600] } });
    const attempts = () => smtp.authAttempts.filter((x) => x.username?.toLowerCase() === USER).length;
    const start = attempts();
    for (const [host, user] of [['smtp.test.nl', USER], ['mail.test.nl', USER.toUpperCase()], ['127.0.0.1', 'Crm@Test.NL']] as const) {
      const r = await a.postFrom(`198.51.100.${30 + attempts()}`, '/v1/probe', authProbe(host, user, 'Fout-Wachtwoord-1'));
      expect(r.status).toBe(200);
      expect(r.json.ok).toBe(false);
    }
    expect(attempts()).toBe(start + 3);
    // from another client, another name, even with the right password: refused without connecting
    const locked = await a.postFrom('203.0.113.200', '/v1/probe', authProbe('other.test.nl', 'CRM@TEST.NL'));
    expect(locked.status).toBe(429);
    expect(locked.json.error).toMatchObject({ code: 'login_locked', field: 'auth' });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(attempts()).toBe(start + 3);
    // another user name on the same server is not locked
    expect((await a.postFrom('203.0.113.200', '/v1/probe', authProbe('smtp.test.nl', 'someone-else@test.nl', 'x-y-z-w'))).status).toBe(200);
  });
});

describe('discover and confirm limits', () => {
  it('discover per client (IPv6 /64)', async () => {
    const a = app({ rates: { discoverPerClient: [2, 60] } });
    expect((await a.postFrom('2001:db8:5::1', '/v1/discover', { domain: 'test.nl' })).status).toBe(200);
    expect((await a.postFrom('2001:db8:5::2', '/v1/discover', { domain: 'test.nl' })).status).toBe(200);
    expect((await a.postFrom('2001:db8:5:0:1::3', '/v1/discover', { domain: 'test.nl' })).status).toBe(429);
    expect((await a.postFrom('2001:db8:6::1', '/v1/discover', { domain: 'test.nl' })).status).toBe(200);
  });

  it('discover refuses internal names with the same answer as a name that does not exist', async () => {
    const a = app({});
    const missing = await a.postFrom('198.51.100.90', '/v1/discover', { domain: 'bestaat-niet.test.nl' });
    // (single labels such as "intranet" never get this far: they are not a domain name, for any name)
    for (const internal of ['corp.internal', 'printer.local', 'kv.home.arpa', 'nas.lan', 'mail.localhost']) {
      const r = await a.postFrom('198.51.100.90', '/v1/discover', { domain: internal });
      expect(r.status).toBe(missing.status);
      const same = JSON.parse(JSON.stringify(r.json).split(internal).join('bestaat-niet.test.nl'));
      expect(same).toEqual(missing.json);
    }
  });

  it('confirm per client (IPv6 /64)', async () => {
    const a = app({ rates: { confirmPerClient: [2, 60] } });
    const id = 'AAAAAAAAAAAAAAAAAAAAAA';
    expect((await a.postFrom('2001:db8:7::1', `/v1/validations/${id}/confirm`, { code: 'ABCDEF' })).status).toBe(404);
    expect((await a.postFrom('2001:db8:7::2', `/v1/validations/${id}/confirm`, { code: 'ABCDEF' })).status).toBe(404);
    expect((await a.postFrom('2001:db8:7::3', `/v1/validations/${id}/confirm`, { code: 'ABCDEF' })).status).toBe(429);
    expect((await a.postFrom('2001:db8:8::1', `/v1/validations/${id}/confirm`, { code: 'ABCDEF' })).status).toBe(404);
  });

  it('TRUST_PROXY: the address the proxy passes on is limited; a client faking X-Forwarded-For changes nothing', async () => {
    const a = app({ trustProxy: ['10.0.0.1'], rates: { discoverPerClient: [1, 60] } });
    const via = (client: string) => a.postFrom('10.0.0.1', '/v1/discover', { domain: 'test.nl' }, { 'x-forwarded-for': client });
    expect((await via('198.51.100.61')).status).toBe(200);
    expect((await via('198.51.100.61')).status).toBe(429);
    expect((await via('spoofed, 198.51.100.62')).status).toBe(200);
    // straight to the instance with a made-up header: limited by its own address, every time
    const direct = (fake: string) => a.postFrom('198.51.100.70', '/v1/discover', { domain: 'test.nl' }, { 'x-forwarded-for': fake });
    expect((await direct('198.51.100.1')).status).toBe(200);
    expect((await direct('198.51.100.2')).status).toBe(429);
  });
});

describe('validation mail limits', () => {
  it('only after this client\'s probe of the same host address, port, encryption and user name succeeded', async () => {
    const a = app({});
    const before = smtp.mails.length;
    expect((await a.postFrom('198.51.100.100', '/v1/validations', validation())).json.error.code).toBe('probe_required');
    expect((await a.postFrom('198.51.100.100', '/v1/probe', settings())).json.ok).toBe(true);
    // another client, another port/encryption, another user name: still refused
    expect((await a.postFrom('198.51.100.101', '/v1/validations', validation())).json.error.code).toBe('probe_required');
    expect((await a.postFrom('198.51.100.100', '/v1/validations', validation('piet@test.nl', { settings: settings({ encryption: 'tls-if-available' }) }))).json.error.code).toBe('probe_required');
    const otherUser = settings({ auth: { method: 'password', username: 'ander@test.nl', password: PASS } });
    expect((await a.postFrom('198.51.100.100', '/v1/validations', validation('piet@test.nl', { settings: otherUser }))).json.error.code).toBe('probe_required');
    expect(smtp.mails.length).toBe(before);
    // the same client and settings (the name may differ, the address is the same): sent
    const mail = smtp.nextMail();
    const ok = await a.postFrom('198.51.100.100', '/v1/validations', validation('piet@test.nl', { settings: settings({ host: 'mail.test.nl' }) }));
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    await mail;
  });

  it('per recipient domain: plus-tags and case do not make a new bucket; other clients have their own; a global cap behind', async () => {
    const a = app({ rates: { validationPerRecipient: [2, 3600], validationPerRecipientGlobal: [3, 3600] } });
    const send = async (client: string, to: string) => {
      await markProbed(a.app, settings(), '127.0.0.1', client);
      return a.postFrom(client, '/v1/validations', validation(to));
    };
    expect((await send('198.51.100.110', 'piet@test.nl')).status).toBe(201);
    expect((await send('198.51.100.110', 'PIET+crm@TEST.NL')).status).toBe(201);
    const third = await send('198.51.100.110', 'Jan+x@Test.nl');
    expect(third.status).toBe(429);
    expect(third.json.error.params.limit).toBe('valRecipient');
    expect((await send('198.51.100.111', 'piet@test.nl')).status).toBe(201);
    const global = await send('198.51.100.112', 'piet@test.nl');
    expect(global.status).toBe(429);
    expect(global.json.error.params.limit).toBe('valRecipientGlobal');
  });

  it('per client and per target address (another name for the same server is the same target)', async () => {
    const a = app({ rates: { validationPerClient: [1, 3600] } });
    await markProbed(a.app, settings(), '127.0.0.1', '198.51.100.120');
    expect((await a.postFrom('198.51.100.120', '/v1/validations', validation())).status).toBe(201);
    expect((await a.postFrom('198.51.100.120', '/v1/validations', validation())).json.error.params.limit).toBe('valClient');
    const b = app({ rates: { validationPerTarget: [1, 3600] } });
    await markProbed(b.app, settings(), '127.0.0.1', '198.51.100.121');
    expect((await b.postFrom('198.51.100.121', '/v1/validations', validation())).status).toBe(201);
    const r = await b.postFrom('198.51.100.121', '/v1/validations', validation('piet@test.nl', { settings: settings({ host: 'other.test.nl' }) }));
    expect(r.json.error.params.limit).toBe('valTarget');
  });

  it('the memory store keeps at most N pending validations per client (the /64 counts as one)', async () => {
    const a = app({ limits: { recordsPerClient: 2 } });
    const send = async (client: string) => {
      await markProbed(a.app, settings(), '127.0.0.1', clientKey(client));
      return a.postFrom(client, '/v1/validations', validation());
    };
    expect((await send('2001:db8:a::1')).status).toBe(201);
    expect((await send('2001:db8:a::2')).status).toBe(201);
    const third = await send('2001:db8:a::3');
    expect(third.status).toBe(429);
    expect(third.json.error.params.limit).toBe('recordsPerClient');
    expect((await send('2001:db8:b::1')).status).toBe(201);
  });

  it('a send is cancelled at its deadline for real (the connection closes), and concurrent sends are capped', async () => {
    let closed = 0;
    let opened = 0;
    // Greets and answers EHLO, then never answers MAIL FROM.
    const stall = await startRaw((s) => {
      opened++;
      s.on('close', () => closed++);
      s.on('error', () => undefined);
      s.write('220 stall.test ESMTP\r\n');
      s.on('data', (d) => {
        if (/^EHLO/i.test(String(d))) s.write('250-stall.test\r\n250 8BITMIME\r\n');
      });
    });
    try {
      const a = app({ extraPorts: [stall.port], limits: { concurrentSends: 1 }, timeouts: { ...timeouts, command: 10_000, send: 700 } });
      const s = { host: '127.0.0.1', port: stall.port, encryption: 'none', auth: { method: 'ip-whitelist' }, mode: 'relay' };
      await markProbed(a.app, s);
      const first = a.post('/v1/validations', validation('piet@test.nl', { settings: s }));
      await expect.poll(() => opened).toBe(1);
      const second = await a.post('/v1/validations', validation('piet@test.nl', { settings: s }));
      expect(second.status).toBe(503);
      const r = await first;
      expect(r.status).toBe(502);
      expect(r.json.error.findings[0].code).toBe('connection-timeout');
      await expect.poll(() => closed).toBe(1);
    } finally {
      await stall.close();
    }
  });
});
