import type { SmtpErrorCode } from './errors';

/** One overall deadline that every phase timeout is clipped to. */
export class Budget {
  deadline: number;
  constructor(totalMs: number) {
    this.deadline = Date.now() + totalMs;
  }
  /** Ends the budget now: every later phase gets no time (the caller went away). */
  stop() {
    this.deadline = Math.min(this.deadline, Date.now());
  }
  /** The time a phase may take: its own limit or what is left overall, whichever is less. */
  phase(ms: number): { ms: number; code: SmtpErrorCode } {
    const left = this.deadline - Date.now();
    return left < ms ? { ms: Math.max(0, left), code: 'EDEADLINE' } : { ms, code: 'ETIMEDOUT' };
  }
}
