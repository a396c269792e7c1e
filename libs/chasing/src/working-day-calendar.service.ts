import { Injectable } from '@nestjs/common';
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { LONDON_ZONE, londonDay } from '@dasv/common';

/** A calendar day in England, `yyyy-MM-dd`: these sort and compare correctly as strings. */
export type CalendarDay = string;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Working days in England: Monday to Friday except England and Wales bank holidays (substitute days
 * included). Holidays come from date-holidays rather than a list of our own, which would go stale.
 *
 * Day arithmetic runs on day numbers (days since 1970-01-01): a calendar day has no time zone, and a
 * sweep evaluates hundreds of organisations over months of working days, so no parsing in the loops.
 */
@Injectable()
export class WorkingDayCalendarService {
  // Only public holidays: date-holidays also lists observances such as Mother's Day.
  private readonly holidays = new Holidays('GB', 'ENG', { types: ['public'] });
  private readonly holidaysByYear = new Map<number, ReadonlySet<number>>();

  /** The day it is in London at `instant`; 23:30 UTC on 30 June is already 1 July there. */
  dayOf(instant: Date): CalendarDay {
    return londonDay(instant);
  }

  /**
   * The last day on which something due at `instant` can still be done: a deadline of midnight on
   * 15 March means "by the end of 14 March", so the instant itself is excluded.
   */
  lastDayBefore(instant: Date): CalendarDay {
    return this.dayOf(new Date(instant.getTime() - 1));
  }

  /** Midnight in London at the start of the day after `day`: a pause "until 14 March" ends then. */
  endOf(day: CalendarDay): Date {
    return DateTime.fromISO(toDay(day), { zone: LONDON_ZONE }).plus({ days: 1 }).startOf('day').toJSDate();
  }

  isWorkingDay(day: CalendarDay): boolean {
    return this.isWorkingDayNumber(dayNumber(day));
  }

  addDays(day: CalendarDay, days: number): CalendarDay {
    return dayOfNumber(dayNumber(day) + days);
  }

  /** The `count`th working day after `day` (0: `day` itself). 2026-12-24 + 1 = 2026-12-29. */
  addWorkingDays(day: CalendarDay, count: number): CalendarDay {
    let current = dayNumber(day);
    for (let left = count; left > 0;) {
      current++;
      if (this.isWorkingDayNumber(current)) left--;
    }
    return dayOfNumber(current);
  }

  /** How many working days lie after `from`, up to and including `to` (0 when `to` is not later). */
  workingDaysBetween(from: CalendarDay, to: CalendarDay): number {
    const last = dayNumber(to);
    let count = 0;
    for (let current = dayNumber(from) + 1; current <= last; current++) {
      if (this.isWorkingDayNumber(current)) count++;
    }
    return count;
  }

  /** `day` when it is a working day, else the working day before it. */
  onOrBefore(day: CalendarDay): CalendarDay {
    let current = dayNumber(day);
    while (!this.isWorkingDayNumber(current)) current--;
    return dayOfNumber(current);
  }

  /** `day` when it is a working day, else the working day after it. */
  onOrAfter(day: CalendarDay): CalendarDay {
    let current = dayNumber(day);
    while (!this.isWorkingDayNumber(current)) current++;
    return dayOfNumber(current);
  }

  private isWorkingDayNumber(n: number): boolean {
    const weekday = (n + 4) % 7; // 1 January 1970 was a Thursday; 0 = Sunday, 6 = Saturday
    if (weekday === 0 || weekday === 6) return false;
    return !this.holidaysIn(new Date(n * DAY_MS).getUTCFullYear()).has(n);
  }

  private holidaysIn(year: number): ReadonlySet<number> {
    let days = this.holidaysByYear.get(year);
    if (!days) {
      days = new Set(
        this.holidays
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => dayNumber(h.date.slice(0, 10))),
      );
      this.holidaysByYear.set(year, days);
    }
    return days;
  }
}

function toDay(day: CalendarDay): CalendarDay {
  dayNumber(day);
  return day;
}

function dayNumber(day: CalendarDay): number {
  const ms = DAY_PATTERN.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  // Date.parse rolls 30 February over to 2 March; a day that does not round-trip is not a day.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new Error(`Not a calendar day: ${day}`);
  return ms / DAY_MS;
}

function dayOfNumber(n: number): CalendarDay {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
