import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@dasv/config';
import { EmailOutboxService, EmailTemplatesService, SendEmailPayload } from '@dasv/notifications';
import { courseReminderEmailKey } from './course-reminder-keys';
import { CourseReminderRunsRepository } from './course-reminder-runs.repository';
import { CourseReminderRun } from './entities/course-reminder-run.entity';
import { ReminderCandidate, ReminderRecipientsRepository } from './reminder-recipients.repository';
import { PublishedCourseRow, ReportedCoursesRepository } from './reported-courses.repository';

export interface ReminderBatch {
  runId: string;
  reminded: number;
  isFinished: boolean;
}

type Cursor = { organisationId: string; name: string | null; userId: string | null };

/**
 * Sends one batch of a run: up to `limit` learners not yet reminded this period, each recorded under
 * their (user, course, period) key and e-mailed through the outbox in the same transaction. The run's
 * next batch may go only after the configured interval, which is what bounds the rate.
 */
@Injectable()
export class CourseReminderSenderService {
  constructor(
    private readonly runs: CourseReminderRunsRepository,
    private readonly recipients: ReminderRecipientsRepository,
    private readonly courses: ReportedCoursesRepository,
    private readonly outbox: EmailOutboxService,
    private readonly templates: EmailTemplatesService,
    private readonly config: AppConfig,
  ) {}

  get batchSize(): number {
    return this.config.env.COURSE_REMINDER_BATCH_SIZE;
  }

  /** The next batch of a run due one (the given run, or the one waiting longest); null when none is due. */
  async sendDueBatch(manager: EntityManager, now: Date, limit: number, runId?: string): Promise<ReminderBatch | null> {
    const run = await this.runs.claimDue(manager, now, runId);
    if (!run) return null;
    const course = await this.courses.findPublished(run.courseId, manager);
    if (!course) {
      // Unpublished since the run began: there is nothing to send people to, so the run ends here.
      await this.runs.recordBatch(manager, run.id, { reminded: 0, cursor: null, nextBatchAt: now, finishedAt: now });
      return { runId: run.id, reminded: 0, isFinished: true };
    }
    const { learners, cursor } = await this.nextLearners(manager, run, limit, this.askedBefore(now));
    const reminded = await this.recipients.recordReminders(manager, { runId: run.id, courseId: run.courseId, period: run.period, sentAt: now, learners });
    await this.outbox.queue(
      manager,
      learners.filter((l) => reminded.has(l.id)).map((l) => this.emailTo(l, course, run.period)),
    );
    await this.runs.recordBatch(manager, run.id, {
      reminded: reminded.size,
      cursor,
      nextBatchAt: new Date(now.getTime() + this.config.env.COURSE_REMINDER_INTERVAL_SECONDS * 1000),
      finishedAt: cursor ? null : now,
    });
    return { runId: run.id, reminded: reminded.size, isFinished: !cursor };
  }

  /** Nobody is reminded within the grace period of being asked: their invitation is still fresh. */
  askedBefore(now: Date): Date {
    return new Date(now.getTime() - this.config.env.COURSE_REMINDER_GRACE_DAYS * 86_400_000);
  }

  /** Up to `limit` learners from the run's cursor on, and where the next batch resumes (null: nobody is left). */
  private async nextLearners(
    manager: EntityManager,
    run: CourseReminderRun,
    limit: number,
    askedBefore: Date,
  ): Promise<{ learners: ReminderCandidate[]; cursor: Cursor | null }> {
    const learners: ReminderCandidate[] = [];
    for (const organisationId of await this.recipients.organisationsFrom(manager, run.organisationId, run.cursorOrganisationId)) {
      const resumesHere = organisationId === run.cursorOrganisationId && run.cursorName !== null && run.cursorUserId !== null;
      const found = await this.recipients.candidatesAt(manager, {
        organisationId,
        courseId: run.courseId,
        period: run.period,
        askedBefore,
        after: resumesHere ? { name: run.cursorName!, id: run.cursorUserId! } : null,
        limit: limit - learners.length,
      });
      learners.push(...found);
      if (learners.length >= limit) {
        const last = learners[learners.length - 1];
        return { learners, cursor: { organisationId, name: last.name, userId: last.id } };
      }
    }
    return { learners, cursor: null };
  }

  private emailTo(learner: ReminderCandidate, course: PublishedCourseRow, period: string): SendEmailPayload {
    const context = {
      name: learner.name,
      courseTitle: course.title,
      courseUrl: `${this.config.publicUrl}/training/courses/${encodeURIComponent(course.slug)}`,
      hasStarted: learner.hasStarted,
      supportText: course.supportText,
    };
    return { key: courseReminderEmailKey(course.id, learner.id, period), to: learner.email, ...this.templates.render('course-reminder', context) };
  }
}
