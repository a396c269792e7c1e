import { DateTime } from 'luxon';

/** Deadlines are set and shown in England's time, whatever the server's zone. */
export const LONDON = 'Europe/London';

/**
 * A date-time as a person in England means it: "2026-07-13T23:59" is 23:59 BST (22:59 UTC). One
 * carrying an offset or Z is taken as given. Null when it is not a real time.
 */
export function parseLondonDateTime(text: string): Date | null {
  const parsed = DateTime.fromISO(text.trim(), { zone: LONDON });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** For spreadsheets: a local time Excel reads as a date ("2026-07-13 23:59"). */
export function londonSpreadsheetTime(date: Date | null): string | null {
  return date ? DateTime.fromJSDate(date, { zone: LONDON }).toFormat('yyyy-MM-dd HH:mm') : null;
}
