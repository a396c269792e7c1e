export const COURSE_REMINDER_QUEUE = 'course-reminders';
/** The repeating sweep: starts the month's scheduled runs and sends the next batch of those due. */
export const COURSE_REMINDER_SWEEP_JOB = 'course-reminder-sweep';
/** An administrator's run: its first batch goes at once rather than at the next sweep. */
export const COURSE_REMINDER_RUN_JOB = 'course-reminder-run';

export type CourseReminderSweepPayload = Record<string, never>;

export interface CourseReminderRunPayload {
  runId: string;
}

/** One id for every sweep: the job scheduler keeps at most one pending, so sweeps never pile up. */
export function courseReminderSweepJobId(): string {
  return COURSE_REMINDER_SWEEP_JOB;
}

/** One job per run: a relay replaying the outbox row adds nothing. */
export function courseReminderRunJobId(payload: CourseReminderRunPayload): string {
  return `${COURSE_REMINDER_RUN_JOB}-${payload.runId}`;
}
