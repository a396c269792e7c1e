import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { deleteReturning } from '@dasv/database';
import { CourseReminderRun } from './entities/course-reminder-run.entity';
import { ReminderOrigin } from './reminder-origin';

export interface NewReminderRun {
  courseId: string;
  organisationId: string;
  period: string;
  origin: ReminderOrigin;
  requestedById: string | null;
  requestedAt: Date;
}

export interface ReminderRunSummary {
  id: string;
  odsCode: string;
  organisationName: string;
  period: string;
  origin: ReminderOrigin;
  requestedBy: string | null;
  requestedAt: Date;
  reminded: number;
  finishedAt: Date | null;
}

export interface ReminderScheduleRow {
  organisationId: string;
  courseId: string;
  enabledAt: Date;
  enabledBy: string | null;
  lastPeriod: string | null;
}

const RUN_COLUMNS = `id, course_id AS "courseId", organisation_id AS "organisationId", period, origin, requested_by_id AS "requestedById",
  requested_at AS "requestedAt", next_batch_at AS "nextBatchAt", cursor_organisation_id AS "cursorOrganisationId", cursor_name AS "cursorName",
  cursor_user_id AS "cursorUserId", reminded, finished_at AS "finishedAt"`;

/** Runs of reminders and the monthly schedules that start them. */
@Injectable()
export class CourseReminderRunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Starts a run, or returns the one already under way for the same organisation, course and period:
   * a second click joins the first rather than starting a second pass over the same people.
   */
  async startOrJoin(manager: EntityManager, run: NewReminderRun): Promise<{ run: CourseReminderRun; isNew: boolean }> {
    const [inserted]: CourseReminderRun[] = await manager.query(
      `INSERT INTO course_reminder_run (course_id, organisation_id, period, origin, requested_by_id, requested_at, next_batch_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (organisation_id, course_id, period) WHERE finished_at IS NULL DO NOTHING
       RETURNING ${RUN_COLUMNS}`,
      [run.courseId, run.organisationId, run.period, run.origin, run.requestedById, run.requestedAt],
    );
    if (inserted) return { run: inserted, isNew: true };
    const [existing]: CourseReminderRun[] = await manager.query(
      `SELECT ${RUN_COLUMNS} FROM course_reminder_run
       WHERE organisation_id = $1 AND course_id = $2 AND period = $3 AND finished_at IS NULL`,
      [run.organisationId, run.courseId, run.period],
    );
    return { run: existing, isNew: false };
  }

  /**
   * Locks an unfinished run due its next batch: the given one, or else the one waiting longest.
   * SKIP LOCKED: a run another worker is sending a batch of is simply not due for this one.
   */
  async claimDue(manager: EntityManager, now: Date, runId?: string): Promise<CourseReminderRun | null> {
    const [run]: CourseReminderRun[] = await manager.query(
      `SELECT ${RUN_COLUMNS} FROM course_reminder_run
       WHERE finished_at IS NULL AND next_batch_at <= $1 AND ($2::uuid IS NULL OR id = $2)
       ORDER BY next_batch_at, id
       LIMIT 1
       FOR UPDATE SKIP LOCKED`,
      [now, runId ?? null],
    );
    return run ?? null;
  }

  async recordBatch(
    manager: EntityManager,
    runId: string,
    batch: {
      reminded: number;
      cursor: { organisationId: string; name: string | null; userId: string | null } | null;
      nextBatchAt: Date;
      finishedAt: Date | null;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE course_reminder_run
       SET reminded = reminded + $2, cursor_organisation_id = $3, cursor_name = $4, cursor_user_id = $5, next_batch_at = $6, finished_at = $7
       WHERE id = $1`,
      [
        runId,
        batch.reminded,
        batch.cursor?.organisationId ?? null,
        batch.cursor?.name ?? null,
        batch.cursor?.userId ?? null,
        batch.nextBatchAt,
        batch.finishedAt,
      ],
    );
  }

  /** The most recent runs for an organisation and course, with who asked for them. */
  async recent(organisationId: string, courseId: string, limit: number): Promise<ReminderRunSummary[]> {
    return this.dataSource.query(
      `SELECT r.id, o.ods_code AS "odsCode", o.name AS "organisationName", r.period, r.origin, u.name AS "requestedBy",
              r.requested_at AS "requestedAt", r.reminded, r.finished_at AS "finishedAt"
       FROM course_reminder_run r
       JOIN organisation o ON o.id = r.organisation_id
       LEFT JOIN app_user u ON u.id = r.requested_by_id
       WHERE r.organisation_id = $1 AND r.course_id = $2
       ORDER BY r.requested_at DESC, r.id DESC
       LIMIT $3`,
      [organisationId, courseId, limit],
    );
  }

  async summaryOf(runId: string, manager: EntityManager = this.dataSource.manager): Promise<ReminderRunSummary> {
    const [summary]: ReminderRunSummary[] = await manager.query(
      `SELECT r.id, o.ods_code AS "odsCode", o.name AS "organisationName", r.period, r.origin, u.name AS "requestedBy",
              r.requested_at AS "requestedAt", r.reminded, r.finished_at AS "finishedAt"
       FROM course_reminder_run r
       JOIN organisation o ON o.id = r.organisation_id
       LEFT JOIN app_user u ON u.id = r.requested_by_id
       WHERE r.id = $1`,
      [runId],
    );
    return summary;
  }

  async findSchedule(organisationId: string, courseId: string, manager: EntityManager = this.dataSource.manager): Promise<ReminderScheduleRow | null> {
    const [row]: ReminderScheduleRow[] = await manager.query(
      `SELECT s.organisation_id AS "organisationId", s.course_id AS "courseId", s.enabled_at AS "enabledAt", u.name AS "enabledBy", s.last_period AS "lastPeriod"
       FROM course_reminder_schedule s LEFT JOIN app_user u ON u.id = s.enabled_by_id
       WHERE s.organisation_id = $1 AND s.course_id = $2`,
      [organisationId, courseId],
    );
    return row ?? null;
  }

  /** Turns a schedule on; already on, it stays as it was (its last period included). Whether it was off before. */
  async enableSchedule(manager: EntityManager, schedule: { organisationId: string; courseId: string; enabledById: string; enabledAt: Date }): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO course_reminder_schedule (organisation_id, course_id, enabled_by_id, enabled_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT course_reminder_schedule_pkey DO NOTHING
       RETURNING organisation_id`,
      [schedule.organisationId, schedule.courseId, schedule.enabledById, schedule.enabledAt],
    );
    return inserted.length > 0;
  }

  /** Whether there was a schedule to turn off. */
  async disableSchedule(manager: EntityManager, organisationId: string, courseId: string): Promise<boolean> {
    const deleted = await deleteReturning<{ organisation_id: string }>(
      manager,
      `DELETE FROM course_reminder_schedule WHERE organisation_id = $1 AND course_id = $2 RETURNING organisation_id`,
      [organisationId, courseId],
    );
    return deleted.length > 0;
  }

  /**
   * Starts this period's run for every schedule that has not had one, in one statement: claiming the
   * period on the schedule and inserting the run commit together, so overlapping sweeps start each
   * once. Schedules of closed organisations, and of courses with nothing published, wait.
   */
  async startScheduledRuns(manager: EntityManager, period: string, now: Date): Promise<number> {
    const [row] = await manager.query<Array<{ n: number }>>(
      `WITH due AS (
         UPDATE course_reminder_schedule s SET last_period = $1
         FROM organisation o
         WHERE o.id = s.organisation_id AND o.is_active
           AND s.last_period IS DISTINCT FROM $1
           AND EXISTS (SELECT 1 FROM course_version v WHERE v.course_id = s.course_id AND v.status = 'PUBLISHED')
         RETURNING s.organisation_id, s.course_id
       ), started AS (
         INSERT INTO course_reminder_run (course_id, organisation_id, period, origin, requested_at, next_batch_at)
         SELECT course_id, organisation_id, $1, '${ReminderOrigin.SCHEDULE}', $2, $2 FROM due
         ON CONFLICT (organisation_id, course_id, period) WHERE finished_at IS NULL DO NOTHING
         RETURNING id
       )
       SELECT count(*)::int AS n FROM started`,
      [period, now],
    );
    return row.n;
  }
}
