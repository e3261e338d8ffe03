import { defineMessages } from './define';

/** Text per probe/validation finding code (lib/probe-findings.ts), same conventions as findings.ts. */
export const probeFindingMessages = defineMessages({}, {});
