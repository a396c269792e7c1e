import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AppConfig } from '@dasv/config';
import { COURSE_REMINDER_QUEUE, COURSE_REMINDER_SWEEP_JOB, courseReminderSweepJobId } from './course-reminder.job';

/**
 * The repeating reminder sweep, as a BullMQ job scheduler. The worker keeps it (apps/worker
 * JobSchedulersService): at start, when Redis comes back, and periodically, since a Redis that lost its
 * data has lost it too and reminders would stop without a word.
 */
@Injectable()
export class CourseReminderSweepScheduler {
  readonly schedulerId = courseReminderSweepJobId();

  constructor(
    @InjectQueue(COURSE_REMINDER_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  /** Every batch interval: the sweep is what lets each run's next batch go. Upserts, so workers starting share one. */
  async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      this.schedulerId,
      { every: this.config.env.COURSE_REMINDER_INTERVAL_SECONDS * 1000 },
      { name: COURSE_REMINDER_SWEEP_JOB, data: {} },
    );
  }

  async isScheduled(): Promise<boolean> {
    return (await this.queue.getJobScheduler(this.schedulerId)) !== undefined;
  }

  unschedule(): Promise<boolean> {
    return this.queue.removeJobScheduler(this.schedulerId);
  }
}
