export const CHASE_QUEUE = 'chasing';
export const CHASE_SWEEP_JOB = 'chase-sweep';
/** Often enough that a chase goes out within minutes of its day starting; a sweep with nothing due is a few queries. */
export const CHASE_SWEEP_EVERY_MS = 5 * 60_000;

/** A sweep needs nothing: it reads the clock and the open campaigns. */
export type ChaseSweepPayload = Record<string, never>;

/** One id for every sweep: the job scheduler keeps at most one pending, so sweeps never pile up. */
export function chaseSweepJobId(): string {
  return CHASE_SWEEP_JOB;
}
