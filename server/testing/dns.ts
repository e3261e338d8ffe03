import dns2 from 'dns2';
import { normalizeHost } from '../../lib/host-name';

export interface ZoneRecords {
  a?: string[];
  aaaa?: string[];
  mx?: { exchange: string; priority: number }[];
  txt?: string[];
  srv?: { target: string; port: number; priority?: number; weight?: number }[];
}

/**
 * Stand-ins (documentation address ranges) for the SPF records that providers publish, for test zones whose
 * records include them: an include of a name without an SPF record is a permerror, and discover says so
 * (spf-include-broken).
 */
export const INCLUDED_SPF: Record<string, ZoneRecords> = {
  'spf.protection.outlook.com': { txt: ['v=spf1 ip4:192.0.2.0/26 ip6:2001:db8:1::/48 -all'] },
  '_spf.google.com': { txt: ['v=spf1 ip4:192.0.2.64/26 ~all'] },
  'kpnmail.nl': { txt: ['v=spf1 ip4:192.0.2.128/27 ~all'] },
  'eu._netblocks.mimecast.com': { txt: ['v=spf1 ip4:192.0.2.160/27 ~all'] },
  'spf.hostnet.nl': { txt: ['v=spf1 ip4:192.0.2.192/27 ~all'] },
};

export interface TestDns {
  /** "127.0.0.1:<port>", for a Resolver's setServers or DNS_SERVERS. */
  server: string;
  /** Every question asked, in order. */
  queries: { name: string; type: number }[];
  close(): Promise<void>;
}

/**
 * A real DNS server (dns2, UDP) on 127.0.0.1, port 0, answering from a zone the test gives:
 * lower-case names without trailing dot → records. Names not in the zone get NXDOMAIN; questions `drop` picks get no answer.
 */
export async function startDns(zone: Record<string, ZoneRecords>, opts: { drop?: (name: string, type: number) => boolean } = {}): Promise<TestDns> {
  // dns2's bundled types lack RCODE and most record shapes; the runtime is what the tests exercise.
  const Packet = (dns2 as any).Packet;
  const queries: TestDns['queries'] = [];
  const server = dns2.createServer({
    udp: true,
    handle: (request: any, send: (r: any) => void) => {
      const response: any = Packet.createResponseFromRequest(request);
      const q = request.questions[0];
      const name = normalizeHost(String(q?.name ?? ''));
      if (q) queries.push({ name, type: q.type });
      if (q && opts.drop?.(name, q.type)) return; // a server that loses this question: no answer at all
      const entry = q ? zone[name] : undefined;
      if (!q || !entry) {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
        return send(response);
      }
      const rr = (type: number, data: object) => response.answers.push({ name: q.name, type, class: Packet.CLASS.IN, ttl: 60, ...data });
      if (q.type === Packet.TYPE.A) for (const address of entry.a ?? []) rr(Packet.TYPE.A, { address });
      if (q.type === Packet.TYPE.AAAA) for (const address of entry.aaaa ?? []) rr(Packet.TYPE.AAAA, { address });
      if (q.type === Packet.TYPE.MX) for (const mx of entry.mx ?? []) rr(Packet.TYPE.MX, mx);
      if (q.type === Packet.TYPE.TXT) for (const data of entry.txt ?? []) rr(Packet.TYPE.TXT, { data });
      if (q.type === Packet.TYPE.SRV) for (const s of entry.srv ?? []) rr(Packet.TYPE.SRV, { priority: 0, weight: 0, ...s });
      send(response);
    },
  });
  const addrs = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const port = (addrs as { udp: { port: number } }).udp.port;
  return { server: `127.0.0.1:${port}`, queries, close: () => server.close() };
}
