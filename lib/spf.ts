// Reading an SPF record (RFC 7208): its terms, what it includes, and the terms that cost a DNS look-up.

/** The limit on DNS-querying terms in one SPF evaluation (RFC 7208 §4.6.4); past it receivers return permerror. */
export const SPF_LOOKUP_LIMIT = 10;

/** The record's terms after "v=spf1", lower-cased. */
export function spfTerms(record: string): string[] {
  const terms = record.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return terms[0] === 'v=spf1' ? terms.slice(1) : [];
}

/** Whether an SPF record includes a domain (`include:x`, with any qualifier), as a whole term. */
export function spfIncludes(record: string, include: string): boolean {
  return spfTerms(record).some((term) => term.replace(/^[+~?-]/, '') === `include:${include.toLowerCase()}`);
}

/**
 * The DNS look-ups one record costs by itself (RFC 7208 §4.6.4: include, a, mx, ptr, exists and the redirect
 * modifier, which counts only without an "all" mechanism), and the records to read next: include and redirect
 * targets without macros (a macro's target depends on the sender; it still counts one look-up).
 */
export function spfLookups(record: string): { count: number; next: string[] } {
  const terms = spfTerms(record).map((t) => t.replace(/^[+~?-]/, ''));
  const hasAll = terms.includes('all');
  let count = 0;
  const next: string[] = [];
  for (const term of terms) {
    const m = /^(include|a|mx|ptr|exists|redirect)(?=$|[:=/])[:=]?(.*)$/.exec(term);
    if (!m) continue;
    const [, name, value = ''] = m;
    if (name === 'redirect' && hasAll) continue;
    count++;
    if ((name === 'include' || name === 'redirect') && value && !value.includes('%')) next.push(value.replace(/\.$/, ''));
  }
  return { count, next };
}
