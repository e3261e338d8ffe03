import dns2 from 'dns2';

// dns2's bundled types lack RCODE and the record shapes it encodes; the runtime is what the tests exercise.
const Packet = (dns2 as any).Packet;

export interface ZoneRecords {
  A?: string[];
  AAAA?: string[];
  MX?: { exchange: string; priority: number }[];
  TXT?: string[];
  SRV?: { target: string; port: number; priority?: number; weight?: number }[];
}

/** A zone: lower-case names without trailing dot → records. Names not in it get NXDOMAIN. */
export type Zone = Record<string, ZoneRecords>;

export interface TestDnsServer {
  /** "127.0.0.1:<port>", for a Resolver's setServers or DNS_SERVERS. */
  address: string;
  queries: { name: string; type: number }[];
  close(): Promise<void>;
}

/** A real DNS server (dns2, UDP) on 127.0.0.1, port 0, answering from a zone given by the test. */
export async function startDnsServer(zone: Zone): Promise<TestDnsServer> {
  const queries: TestDnsServer['queries'] = [];
  const server = dns2.createServer({
    udp: true,
    handle: (request: any, send: (r: any) => void) => {
      const response: any = Packet.createResponseFromRequest(request);
      const [q] = request.questions;
      const name = String(q.name).toLowerCase().replace(/\.$/, '');
      queries.push({ name, type: q.type });
      const rec = zone[name];
      if (!rec) {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
        return send(response);
      }
      const base = { name: q.name, class: Packet.CLASS.IN, ttl: 60 };
      if (q.type === Packet.TYPE.A) for (const address of rec.A ?? []) response.answers.push({ ...base, type: Packet.TYPE.A, address });
      if (q.type === Packet.TYPE.AAAA) for (const address of rec.AAAA ?? []) response.answers.push({ ...base, type: Packet.TYPE.AAAA, address });
      if (q.type === Packet.TYPE.MX) for (const mx of rec.MX ?? []) response.answers.push({ ...base, type: Packet.TYPE.MX, ...mx });
      if (q.type === Packet.TYPE.TXT) for (const data of rec.TXT ?? []) response.answers.push({ ...base, type: Packet.TYPE.TXT, data });
      if (q.type === Packet.TYPE.SRV)
        for (const s of rec.SRV ?? []) response.answers.push({ ...base, type: Packet.TYPE.SRV, priority: 0, weight: 0, ...s });
      send(response);
    },
  });
  const ready = new Promise<void>((resolve) => server.on('listening', () => resolve()));
  server.listen({ udp: { port: 0, address: '127.0.0.1', type: 'udp4' } } as any);
  await ready;
  const { udp } = server.addresses() as { udp: { port: number } };
  return {
    address: `127.0.0.1:${udp.port}`,
    queries,
    close: () => server.close(),
  };
}
