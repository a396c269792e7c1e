import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { RECOVERABLE_WORKER_OPTIONS } from '@dasv/database';
import { CourseReminderSweepService } from '../course-reminder-sweep.service';
import { COURSE_REMINDER_QUEUE, COURSE_REMINDER_RUN_JOB, COURSE_REMINDER_SWEEP_JOB, CourseReminderRunPayload } from './course-reminder.job';

// One at a time per worker: batches of different runs share one budget, and concurrent batches would
// only queue on the same run rows.
@Processor(COURSE_REMINDER_QUEUE, { concurrency: 1, ...RECOVERABLE_WORKER_OPTIONS })
export class CourseReminderProcessor extends WorkerHost {
  constructor(private readonly sweep: CourseReminderSweepService) {
    super();
  }

  process(job: Job): Promise<unknown> {
    switch (job.name) {
      case COURSE_REMINDER_SWEEP_JOB:
        return this.sweep.run();
      case COURSE_REMINDER_RUN_JOB:
        return this.sweep.sendRun((job.data as CourseReminderRunPayload).runId);
      default:
        throw new Error(`No handler for job "${job.name}" on queue ${COURSE_REMINDER_QUEUE}`);
    }
  }
}
