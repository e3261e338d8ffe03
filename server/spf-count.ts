import { SPF_LOOKUP_LIMIT, spfLookups } from '../lib/spf';

export interface SpfCount {
  /** DNS look-ups counted (RFC 7208 §4.6.4), nested includes and redirects included. */
  count: number;
  /** false: a nested record could not be read in time, so `count` is a lower bound. */
  complete: boolean;
  /**
   * Include or redirect targets that have no SPF record (the name does not exist, or holds none or two):
   * receivers return permerror there (RFC 7208 §5.2, §6.1), so SPF fails for all mail.
   */
  broken: string[];
}

/**
 * Counts the DNS look-ups an SPF evaluation of `record` costs, reading nested include/redirect records
 * (at most `maxReads`, until `deadline`). Stops as soon as the count passes the limit: that is the verdict.
 * A record read once is not read again (a loop stops there; a second include of it still counts its own
 * look-up), so the count never overstates.
 */
export async function countSpfLookups(
  record: string,
  resolveTxt: (name: string) => Promise<string[][]>,
  opts: { deadline: number; maxReads?: number },
): Promise<SpfCount> {
  let reads = opts.maxReads ?? 20;
  let complete = true;
  const broken: string[] = [];
  const seen = new Set<string>();
  const first = spfLookups(record);
  let count = first.count;
  let level = first.next;
  // One level of nesting at a time, its records read in parallel: a few round trips, not one per include.
  while (level.length && count <= SPF_LOOKUP_LIMIT) {
    const names = [...new Set(level)].filter((n) => !seen.has(n));
    names.forEach((n) => seen.add(n));
    if (names.length === 0) {
      level = [];
      break;
    }
    const left = opts.deadline - Date.now();
    const batch = names.slice(0, Math.max(0, reads));
    reads -= batch.length;
    if (batch.length < names.length || left <= 0) complete = false;
    if (left <= 0 || batch.length === 0) break;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), left);
    });
    // No such name or no TXT records: an answer (no SPF there). A time-out or SERVFAIL: unknown.
    const read = (n: string) => resolveTxt(n).catch((e: { code?: string }) => (e?.code === 'ENOTFOUND' || e?.code === 'ENODATA' ? [] : undefined));
    const records = await Promise.all(batch.map((n) => Promise.race([read(n), timeout]))).finally(() => clearTimeout(timer));
    level = [];
    records.forEach((txt, i) => {
      const nested = txt?.map((parts) => parts.join('')).filter((t) => /^v=spf1(\s|$)/i.test(t));
      if (!nested || nested.length !== 1) {
        // Unreadable (unknown), or missing or doubled (permerror at receivers): we cannot count further there.
        if (nested) broken.push(batch[i]!);
        complete = false;
        return;
      }
      const more = spfLookups(nested[0]!);
      count += more.count;
      level.push(...more.next);
    });
  }
  // Stopped past the limit with records still unread: more look-ups may follow, so the count is a lower bound.
  if (level.length) complete = false;
  return { count, complete, broken };
}
