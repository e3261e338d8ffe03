import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 1000 / 100; // USER_HZ

/** A process's name and the user + system CPU time (ms) it has used so far, from /proc (Linux); undefined when gone. */
export function procStat(pid: number | string): { comm: string; cpuMs: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { comm, cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS }; // utime, stime
  } catch {
    return undefined;
  }
}

/** CPU time (ms) of the Postfix and Dovecot processes running now. */
export function serverCpuMs(): number {
  const names = new Set(['smtpd', 'master', 'anvil', 'tlsmgr', 'proxymap', 'auth', 'dovecot', 'cleanup', 'trivial-rewrite']);
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    /* no /proc */
  }
  let total = 0;
  for (const pid of pids) {
    const s = procStat(pid);
    if (s && names.has(s.comm)) total += s.cpuMs;
  }
  return total;
}
