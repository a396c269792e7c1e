import { DateTime } from 'luxon';
import { inLondon, LONDON_ZONE } from '@dasv/common';

/**
 * The period a learner is reminded at most once in: the calendar month in England ("2026-03").
 * Monthly, because the schedule runs monthly and a click by an administrator in the same month as
 * the schedule (or a second click) must not send a second e-mail.
 */
export function reminderPeriodOf(instant: Date): string {
  return inLondon(instant).toFormat('yyyy-MM');
}

/** "March 2026", for people. */
export function periodInWords(period: string): string {
  return DateTime.fromFormat(period, 'yyyy-MM', { zone: LONDON_ZONE }).toFormat('MMMM yyyy');
}

/**
 * The e-mail's key (email_delivery, BullMQ job id): one per learner, course and period, the same
 * however many runs reach the learner, so that even two runs racing past the reminder row's key
 * could not deliver twice. Ids, not addresses: an address can change, an account id cannot.
 */
export function courseReminderEmailKey(courseId: string, userId: string, period: string): string {
  return `course-reminder:${courseId}:${userId}:${period}`;
}
