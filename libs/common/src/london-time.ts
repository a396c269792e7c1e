import { DateTime } from 'luxon';

/**
 * England's time zone. Deadlines are set, times shown and days counted in it whatever the server's
 * zone: 23:30 UTC on 30 June is already 1 July in London. The one place the zone is named.
 */
export const LONDON_ZONE = 'Europe/London';

/** Month names as people in England write them (the same words as the default English locale). */
const ENGLISH = 'en-GB';

/** An instant on a clock in England, for arithmetic on days, weeks and months there. */
export function inLondon(at: Date): DateTime {
  return DateTime.fromJSDate(at, { zone: LONDON_ZONE });
}

/** The calendar day it is in England at `at`, as `yyyy-MM-dd`. */
export function londonDay(at: Date): string {
  return inLondon(at).toISODate()!;
}

/** For people, in e-mails and pages: "13 July 2026 at 23:59"; '' for no time. */
export function formatLondon(at: Date | null | undefined): string {
  return at ? inLondon(at).setLocale(ENGLISH).toFormat("d MMMM yyyy 'at' HH:mm") : '';
}

/** The day alone, for people: "13 July 2026"; '' for no time. */
export function formatLondonDate(at: Date | null | undefined): string {
  return at ? inLondon(at).setLocale(ENGLISH).toFormat('d MMMM yyyy') : '';
}

/** A calendar day (`yyyy-MM-dd`, already England's) for people: "13 July 2026". */
export function formatLondonDay(day: string): string {
  return DateTime.fromISO(day, { zone: LONDON_ZONE }).setLocale(ENGLISH).toFormat('d MMMM yyyy');
}

/** On report pages, with a twelve-hour clock: "13 July 2026 at 2:05pm"; '' for no time. */
export function formatLondonTwelveHour(at: Date | null | undefined): string {
  // Some ICU versions write en-GB's meridiem as "PM"; the pages say "pm" either way.
  return at ? inLondon(at).setLocale(ENGLISH).toFormat("d MMMM yyyy 'at' h:mma").replace(/AM$/, 'am').replace(/PM$/, 'pm') : '';
}

/**
 * To the second, for the audit trail: "13 Sep 2026, 14:05:00". In the default locale: en-GB
 * abbreviates September as "Sept", and the audit trail has always shown "Sep".
 */
export function formatLondonToSecond(at: Date): string {
  return inLondon(at).toFormat('d MMM yyyy, HH:mm:ss');
}

/** For spreadsheets: a local time Excel reads as a date ("2026-07-13 23:59"); null for no time. */
export function londonSpreadsheetTime(at: Date | null): string | null {
  return at ? inLondon(at).toFormat('yyyy-MM-dd HH:mm') : null;
}

/**
 * A date-time as a person in England means it: "2026-07-13T23:59" is 23:59 BST (22:59 UTC). One
 * carrying an offset or Z is taken as given. Null when it is not a real time.
 */
export function parseLondonDateTime(text: string): Date | null {
  const parsed = DateTime.fromISO(text.trim(), { zone: LONDON_ZONE });
  return parsed.isValid ? parsed.toJSDate() : null;
}
