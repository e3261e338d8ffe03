/** Codes of findings the backend's live probe and validation produce (server/). Filled by the backend issue. */
export const PROBE_FINDING_CODES = [] as const;
