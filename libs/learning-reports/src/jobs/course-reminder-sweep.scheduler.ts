import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AppConfig } from '@dasv/config';
import { COURSE_REMINDER_QUEUE, COURSE_REMINDER_SWEEP_JOB, courseReminderSweepJobId } from './course-reminder.job';

/** Registers the repeating reminder sweep with BullMQ's job scheduler when the worker starts. */
@Injectable()
export class CourseReminderSweepScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(COURSE_REMINDER_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  // Tests run sweeps themselves against a fixed clock; a repeating job would also keep a delayed job
  // in the queue for ever, and the harness waits for queues to be idle.
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.isTest) await this.schedule();
  }

  /** Every batch interval: the sweep is what lets each run's next batch go. Upserts, so workers starting share one. */
  async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      courseReminderSweepJobId(),
      { every: this.config.env.COURSE_REMINDER_INTERVAL_SECONDS * 1000 },
      { name: COURSE_REMINDER_SWEEP_JOB, data: {} },
    );
  }

  unschedule(): Promise<boolean> {
    return this.queue.removeJobScheduler(courseReminderSweepJobId());
  }
}
