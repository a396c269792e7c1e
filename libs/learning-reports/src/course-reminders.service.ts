import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@dasv/common';
import { AuditService } from '@dasv/audit';
import { AuthUser, Permission } from '@dasv/auth';
import { OutboxService, TransactionRunnerService } from '@dasv/database';
import { reminderPeriodOf } from './course-reminder-keys';
import { CourseReminderRunsRepository, ReminderRunSummary } from './course-reminder-runs.repository';
import { ReminderOrigin } from './reminder-origin';
import { COURSE_REMINDER_QUEUE, COURSE_REMINDER_RUN_JOB, courseReminderRunJobId, CourseReminderRunPayload } from './jobs/course-reminder.job';
import { LearningReportScopeService, ReportTarget } from './learning-report-scope.service';
import { learningReportError } from './learning-reports.errors';
import { CourseReminderScheduleView, CourseReminderStatus } from './models/course-reminders.model';
import { ReportedCoursesRepository } from './reported-courses.repository';

export const COURSE_REMINDER_ACTIONS = {
  sent: 'course_reminders.sent',
  scheduleEnabled: 'course_reminders.schedule_enabled',
  scheduleDisabled: 'course_reminders.schedule_disabled',
} as const;

const RECENT_RUNS = 10;

/**
 * Reminders an administrator sends or schedules for the learners of an organisation and everything
 * beneath it. This side only records the request; the worker sends it in batches (CourseReminderSweepService).
 */
@Injectable()
export class CourseRemindersService {
  constructor(
    private readonly scope: LearningReportScopeService,
    private readonly runs: CourseReminderRunsRepository,
    private readonly courses: ReportedCoursesRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
  ) {}

  /** Starts a run now (or joins the one under way); each learner is e-mailed at most once a month whatever the clicks. */
  async send(me: AuthUser, input: { slug: string; odsCode: string }): Promise<ReminderRunSummary> {
    return this.tx.run(async (manager) => {
      const target = await this.scope.resolve(me, Permission.LearnerManage, input.slug, input.odsCode, manager);
      await this.requireRemindable(manager, target);
      const now = this.clock.now();
      const { run, isNew } = await this.runs.startOrJoin(manager, {
        courseId: target.course.id,
        organisationId: target.organisation.id,
        period: reminderPeriodOf(now),
        origin: ReminderOrigin.ADMIN,
        requestedById: me.id,
        requestedAt: now,
      });
      if (isNew) {
        const payload: CourseReminderRunPayload = { runId: run.id };
        await this.outbox.enqueue(manager, { queue: COURSE_REMINDER_QUEUE, name: COURSE_REMINDER_RUN_JOB, jobId: courseReminderRunJobId(payload), payload });
      }
      await this.audit.record(manager, {
        actorId: me.id,
        action: COURSE_REMINDER_ACTIONS.sent,
        entityType: 'organisation',
        entityId: target.organisation.id,
        organisationId: target.organisation.id,
        details: { course: target.course.slug, period: run.period, runId: run.id, joinedRunUnderWay: !isNew },
      });
      return this.runs.summaryOf(run.id, manager);
    });
  }

  async setSchedule(me: AuthUser, input: { slug: string; odsCode: string; enabled: boolean }): Promise<CourseReminderScheduleView> {
    return this.tx.run(async (manager) => {
      const target = await this.scope.resolve(me, Permission.LearnerManage, input.slug, input.odsCode, manager);
      if (input.enabled) await this.requireRemindable(manager, target);
      const changed = input.enabled
        ? await this.runs.enableSchedule(manager, {
            organisationId: target.organisation.id,
            courseId: target.course.id,
            enabledById: me.id,
            enabledAt: this.clock.now(),
          })
        : await this.runs.disableSchedule(manager, target.organisation.id, target.course.id);
      if (changed) {
        await this.audit.record(manager, {
          actorId: me.id,
          action: input.enabled ? COURSE_REMINDER_ACTIONS.scheduleEnabled : COURSE_REMINDER_ACTIONS.scheduleDisabled,
          entityType: 'organisation',
          entityId: target.organisation.id,
          organisationId: target.organisation.id,
          details: { course: target.course.slug },
        });
      }
      return this.scheduleOf(target, manager);
    });
  }

  /** The schedule and the recent runs of an organisation, for those who may read its reports. */
  async status(me: AuthUser, slug: string, odsCode?: string): Promise<CourseReminderStatus & { target: ReportTarget }> {
    const target = await this.scope.resolve(me, Permission.LearningReportRead, slug, odsCode);
    const [schedule, runs] = await Promise.all([this.scheduleOf(target), this.runs.recent(target.organisation.id, target.course.id, RECENT_RUNS)]);
    return { target, schedule, runs };
  }

  private async scheduleOf(target: ReportTarget, manager?: EntityManager): Promise<CourseReminderScheduleView> {
    const row = await this.runs.findSchedule(target.organisation.id, target.course.id, manager);
    return {
      odsCode: target.organisation.odsCode,
      enabled: row !== null,
      enabledAt: row?.enabledAt ?? null,
      enabledBy: row?.enabledBy ?? null,
      lastPeriod: row?.lastPeriod ?? null,
    };
  }

  private async requireRemindable(manager: EntityManager, target: ReportTarget): Promise<void> {
    if (!target.organisation.isActive) {
      throw learningReportError('OrganisationClosed', `${target.organisation.name} has closed: it has no staff to remind.`, {
        odsCode: ['Choose an open organisation'],
      });
    }
    if (!(await this.courses.findPublished(target.course.id, manager))) {
      throw learningReportError('CourseNotPublished', `“${target.course.title}” has no published version for reminders to point to.`);
    }
  }
}
