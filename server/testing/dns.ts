import dns2 from 'dns2';

/** An in-process DNS server on a random UDP port: zone maps a name to its A and AAAA records. */
export async function startDns(zone: Record<string, { a?: string[]; aaaa?: string[] }>): Promise<{ server: string; close(): Promise<void> }> {
  const { Packet } = dns2;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const q = request.questions[0];
      const entry = q ? zone[q.name.toLowerCase()] : undefined;
      if (q && entry) {
        if (q.type === Packet.TYPE.A) for (const address of entry.a ?? []) response.answers.push({ name: q.name, type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 60, address } as never);
        if (q.type === Packet.TYPE.AAAA) for (const address of entry.aaaa ?? []) response.answers.push({ name: q.name, type: Packet.TYPE.AAAA, class: Packet.CLASS.IN, ttl: 60, address } as never);
      } else {
        (response.header as { rcode: number }).rcode = 3; // NXDOMAIN
      }
      send(response);
    },
  });
  const addrs = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const port = (addrs as { udp: { port: number } }).udp.port;
  return { server: `127.0.0.1:${port}`, close: () => server.close() };
}
