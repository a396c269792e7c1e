import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { WorkingDayCalendarService } from '@dasv/chasing';
import { reminderPeriodOf } from './course-reminder-keys';
import { CourseReminderRunsRepository } from './course-reminder-runs.repository';
import { CourseReminderSenderService, ReminderBatch } from './course-reminder-sender.service';

export interface CourseReminderSweepResult {
  day: string;
  period: string;
  scheduledRunsStarted: number;
  batches: ReminderBatch[];
  reminded: number;
}

/**
 * What the worker does with reminders. Each sweep starts this month's scheduled runs (on working days
 * only: nobody is e-mailed about training on a Sunday or a bank holiday) and then sends the next
 * batch of each run that is due one, until one batch's worth of reminders has gone: however many
 * runs there are, a sweep sends at most COURSE_REMINDER_BATCH_SIZE e-mails. Only an administrator's
 * click adds to that, with its run's first batch (sendRun), so that they see reminders go at once.
 * Every batch is its own transaction, so a failure loses nothing sent and repeats nothing.
 */
@Injectable()
export class CourseReminderSweepService {
  constructor(
    private readonly runs: CourseReminderRunsRepository,
    private readonly sender: CourseReminderSenderService,
    private readonly calendar: WorkingDayCalendarService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<CourseReminderSweepResult> {
    const now = this.clock.now();
    const day = this.calendar.dayOf(now);
    const period = reminderPeriodOf(now);
    const scheduledRunsStarted = this.calendar.isWorkingDay(day) ? await this.tx.run((manager) => this.runs.startScheduledRuns(manager, period, now)) : 0;
    const batches: ReminderBatch[] = [];
    let budget = this.sender.batchSize;
    // Each batch either ends its run or moves its next batch past `now`, so no run is sent twice here.
    while (budget > 0) {
      const batch = await this.tx.run((manager) => this.sender.sendDueBatch(manager, now, budget));
      if (!batch) break;
      batches.push(batch);
      budget -= batch.reminded;
    }
    return { day, period, scheduledRunsStarted, batches, reminded: batches.reduce((n, b) => n + b.reminded, 0) };
  }

  /** The first batch of a run an administrator started, sent at once; nothing if it is not due (already sent). */
  sendRun(runId: string): Promise<ReminderBatch | null> {
    return this.tx.run((manager) => this.sender.sendDueBatch(manager, this.clock.now(), this.sender.batchSize, runId));
  }
}
