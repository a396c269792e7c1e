import { Injectable } from '@nestjs/common';
import { ChaseStage } from './entities/chase-log.entity';
import { CalendarDay, WorkingDayCalendarService } from './working-day-calendar.service';

/** When a campaign chases, in the units a programme team speaks in. */
export interface ChasePolicy {
  /** Calendar days before the deadline's last day: 14, 7 and 2 by default. */
  reminderOffsetsDays: number[];
  /** After the deadline, an overdue reminder on the first working day, then every this many working days. */
  overdueEveryWorkingDays: number;
  /** Working days overdue after which the parent organisation's admins get a daily digest. */
  escalateAfterWorkingDays: number;
}

export interface ChaseSchedule {
  deadline: Date;
  openedAt: Date;
  policy: ChasePolicy;
}

/** What the engine must know of one organisation's past in a campaign to decide its next chase. */
export interface ChaseHistory {
  /** The latest end of any pause (agreed extension) for this organisation in this campaign. */
  pausedUntil: Date | null;
  /** The last chase sent to it by hand. */
  lastManualAt: Date | null;
}

export interface DueChase {
  stage: ChaseStage;
  dueOn: CalendarDay;
}

const STAGE_ORDER: ChaseStage[] = [ChaseStage.REMINDER, ChaseStage.OVERDUE, ChaseStage.ESCALATION];

/**
 * The chase rules, as pure functions of (schedule, history, now): no database, no clock of its own.
 *
 * - Nothing is ever due on a weekend or an England and Wales bank holiday.
 * - A reminder whose day falls on a non-working day moves to the working day BEFORE it: "14 days
 *   before" must not arrive with 12 days left, and a "2 days before" moved forward could land on the
 *   deadline itself. Reminders due on or before the day the campaign opened are dropped: the opening
 *   e-mail already said it.
 * - After the deadline, an overdue reminder goes on the first working day after it, then every N
 *   working days; from M working days overdue the parent's admins get a digest every working day.
 * - Only the latest due chase is ever sent: after an outage the organisation gets one reminder, not
 *   every one it missed (each has its own key, so none is ever sent twice either).
 * - A pause is an agreed extension: nothing while it lasts, and when it ends after the deadline, the
 *   overdue and escalation clocks count from its last day instead of the deadline's. Chases that fell
 *   due during a pause are not sent late when it ends, and a chase by hand stands in for any
 *   scheduled chase due that day or before.
 */
@Injectable()
export class ChasePolicyService {
  constructor(private readonly calendar: WorkingDayCalendarService) {}

  isPaused(history: ChaseHistory, now: Date): boolean {
    return history.pausedUntil !== null && history.pausedUntil.getTime() > now.getTime();
  }

  /** The reminder or overdue reminder the organisation itself should get now, if any. */
  dueToOrganisation(schedule: ChaseSchedule, history: ChaseHistory, now: Date): DueChase | null {
    const today = this.calendar.dayOf(now);
    if (!this.calendar.isWorkingDay(today) || this.isPaused(history, now)) return null;
    const deadline = this.effectiveDeadline(schedule, history);
    let due: DueChase | null = null;
    if (now.getTime() < deadline.getTime()) {
      const day = this.reminderDays(schedule, deadline)
        .filter((d) => d <= today)
        .pop();
      if (day) due = { stage: ChaseStage.REMINDER, dueOn: day };
    } else {
      const lastDay = this.calendar.lastDayBefore(deadline);
      const overdue = this.calendar.workingDaysBetween(lastDay, today);
      if (overdue >= 1) {
        const every = Math.max(1, schedule.policy.overdueEveryWorkingDays);
        const rounds = Math.floor((overdue - 1) / every);
        due = { stage: ChaseStage.OVERDUE, dueOn: this.calendar.addWorkingDays(lastDay, 1 + rounds * every) };
      }
    }
    return due && !this.isCovered(due.dueOn, history) ? due : null;
  }

  /** Whether the organisation belongs in today's digest to its parent's admins. */
  escalationDue(schedule: ChaseSchedule, history: ChaseHistory, now: Date): DueChase | null {
    const today = this.calendar.dayOf(now);
    if (!this.calendar.isWorkingDay(today) || this.isPaused(history, now)) return null;
    const deadline = this.effectiveDeadline(schedule, history);
    if (now.getTime() < deadline.getTime()) return null;
    const overdue = this.calendar.workingDaysBetween(this.calendar.lastDayBefore(deadline), today);
    // A chase by hand went to the organisation, not its parent: it does not stand in for the digest.
    if (overdue < schedule.policy.escalateAfterWorkingDays) return null;
    return { stage: ChaseStage.ESCALATION, dueOn: today };
  }

  /**
   * The next scheduled chase concerning the organisation that has not been decided yet, for the
   * dashboard. `decided` holds `${stage}|${dueOn}` of chases already in the log.
   */
  nextDue(schedule: ChaseSchedule, history: ChaseHistory, now: Date, decided: ReadonlySet<string>): DueChase | null {
    const deadline = this.effectiveDeadline(schedule, history);
    const lastDay = this.calendar.lastDayBefore(deadline);
    const reminders = new Set(this.reminderDays(schedule, deadline));
    const every = Math.max(1, schedule.policy.overdueEveryWorkingDays);
    let day = this.calendar.dayOf(this.isPaused(history, now) ? history.pausedUntil! : now);
    // Overdue reminders recur every few working days and digests daily, so a year ahead always finds one.
    let overdue = day > lastDay ? this.calendar.workingDaysBetween(lastDay, this.calendar.addDays(day, -1)) : 0;
    for (let i = 0; i < 400; i++, day = this.calendar.addDays(day, 1)) {
      if (!this.calendar.isWorkingDay(day)) continue;
      if (day > lastDay) overdue++;
      const candidates: DueChase[] = [];
      if (!this.isCovered(day, history)) {
        if (reminders.has(day) && (day < lastDay || now.getTime() < deadline.getTime())) candidates.push({ stage: ChaseStage.REMINDER, dueOn: day });
        if (overdue >= 1 && (overdue - 1) % every === 0) candidates.push({ stage: ChaseStage.OVERDUE, dueOn: day });
      }
      if (day >= lastDay && overdue >= schedule.policy.escalateAfterWorkingDays) candidates.push({ stage: ChaseStage.ESCALATION, dueOn: day });
      const next = candidates
        .filter((c) => !decided.has(`${c.stage}|${c.dueOn}`))
        .sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage))[0];
      if (next) return next;
    }
    return null;
  }

  /** The days reminders go out, earliest first. */
  reminderDays(schedule: ChaseSchedule, deadline = schedule.deadline): CalendarDay[] {
    const lastDay = this.calendar.lastDayBefore(deadline);
    const opened = this.calendar.dayOf(schedule.openedAt);
    const days = schedule.policy.reminderOffsetsDays
      .filter((offset) => Number.isInteger(offset) && offset >= 0)
      .map((offset) => this.calendar.onOrBefore(this.calendar.addDays(lastDay, -offset)))
      .filter((day) => day > opened);
    return [...new Set(days)].sort();
  }

  /** The first day the organisation goes into its parent's digest, or null once that day has passed. */
  escalationStartsOn(schedule: ChaseSchedule, history: ChaseHistory, now: Date): CalendarDay | null {
    const lastDay = this.calendar.lastDayBefore(this.effectiveDeadline(schedule, history));
    const first = this.calendar.addWorkingDays(lastDay, schedule.policy.escalateAfterWorkingDays);
    return first > this.calendar.dayOf(now) ? first : null;
  }

  /** An extension that ends after the deadline moves the deadline for this organisation. */
  effectiveDeadline(schedule: ChaseSchedule, history: ChaseHistory): Date {
    const pausedUntil = history.pausedUntil;
    return pausedUntil && pausedUntil.getTime() > schedule.deadline.getTime() ? pausedUntil : schedule.deadline;
  }

  private isCovered(day: CalendarDay, history: ChaseHistory): boolean {
    if (history.pausedUntil && day <= this.calendar.lastDayBefore(history.pausedUntil)) return true;
    return history.lastManualAt !== null && day <= this.calendar.dayOf(history.lastManualAt);
  }
}
