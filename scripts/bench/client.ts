// The bench's view of the backend: a probe through HTTP (node:http, or Node's fetch for comparison), each
// from its own client address (X-Forwarded-For behind TRUST_PROXY), and the breakdown of where its time went.
import { postJson, serverTiming } from './http';

export interface Report {
  ok: boolean;
  detected: { portMode: string };
  steps: Array<{ step: string; status: string; code?: string; ms: number }>;
  findings: Array<{ code: string }>;
}

export function benchClient(base: string, auth: { method: 'password'; username: string; password: string }) {
  let clientNo = 0;
  /** A new documentation-range address per call: the backend keys its per-client limits on it. */
  const nextClient = () => {
    const n = clientNo++;
    return `198.51.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  };
  const probe = async (port: number, encryption: string, withAuth = true): Promise<{ ms: number; report: Report; timing: Record<string, number> }> => {
    const t0 = performance.now();
    const res = await postJson(`${base}/v1/probe`, { host: '127.0.0.1', port, encryption, ...(withAuth ? { auth } : {}) }, { 'x-forwarded-for': nextClient() });
    const ms = performance.now() - t0;
    const report = res.json as Report;
    if (res.status !== 200) throw new Error(`probe ${encryption} on ${port}: HTTP ${res.status} ${JSON.stringify(report).slice(0, 200)}`);
    return { ms, report, timing: serverTiming(res.headers) };
  };
  /** The same probe through Node's fetch (undici), for comparison with the lean client above. */
  const probeFetch = async (port: number, encryption: string): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/probe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': nextClient() },
      body: JSON.stringify({ host: '127.0.0.1', port, encryption, auth }),
    });
    const report = (await res.json()) as Report;
    if (!report.ok) throw new Error(`probe ${encryption} on ${port} via fetch not ok: ${JSON.stringify(report).slice(0, 200)}`);
    return performance.now() - t0;
  };
  /** Per encryption: the ms of each step (in wire order, the second EHLO as "ehlo2") and the split below. */
  const stepMs: Record<string, Record<string, number[]>> = {};
  const okProbe = async (port: number, encryption: string, breakdown = false) => {
    const r = await probe(port, encryption);
    if (!r.report.ok) throw new Error(`probe ${encryption} on ${port} not ok: ${JSON.stringify(r.report.steps)}`);
    if (breakdown) {
      const seen = new Set<string>();
      const by = (stepMs[encryption] ??= {});
      let inside = 0;
      for (const st of r.report.steps) {
        const key = seen.has(st.step) ? `${st.step}2` : st.step;
        seen.add(st.step);
        (by[key] ??= []).push(st.ms);
        inside += st.ms;
      }
      // The backend's own account (Server-Timing): the SMTP session, the rest of its request handling, and
      // what is left of the client's total: the HTTP hop (client → backend → client, both processes waking).
      const smtp = r.timing.smtp ?? NaN;
      const app = r.timing.app ?? NaN;
      (by['backend: SMTP session'] ??= []).push(smtp);
      (by['backend: the rest of the request'] ??= []).push(app);
      (by['HTTP hop (total − backend)'] ??= []).push(r.ms - smtp - app);
      (by['steps, summed (whole ms each)'] ??= []).push(inside);
    }
    return r.ms;
  };
  return { probe, probeFetch, okProbe, stepMs, nextClient };
}
