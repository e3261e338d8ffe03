/** The CRM origins the content script runs on; production has exactly this one. */
export const PRODUCTION_CRM_MATCHES = ['https://app.perfectview.nl/*'] as const;

const MATCH_PATTERN = /^(https?|\*):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:\d+)?\/.*$/;

/** Production matches plus the comma-separated patterns of a build-time CRM_MATCHES. */
export function crmMatches(extra: string | undefined): string[] {
  const added = (extra ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of added) {
    if (!MATCH_PATTERN.test(p)) throw new Error(`CRM_MATCHES: "${p}" is not a match pattern like https://crm.example.nl/*`);
  }
  return [...new Set([...PRODUCTION_CRM_MATCHES, ...added])];
}
