import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@dasv/database';
import { CourseEnrolment } from './entities/course-enrolment.entity';
import { PageAnswers, PageProgress } from './entities/page-progress.entity';

/**
 * A learner's enrolments and page progress. Every statement is keyed by the caller's own user id or
 * by an enrolment the service loaded for that user: there is no query by another learner.
 */
@Injectable()
export class CourseProgressRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Uses course_enrolment_user_course_key. Plain SQL: it runs on every page save. */
  async findEnrolment(userId: string, slug: string, manager?: EntityManager): Promise<CourseEnrolment | null> {
    const sql = `SELECT e.id, e.user_id, e.course_id, e.version_id, e.started_at, e.last_active_at, e.completed_at, e.current_page_id, e.time_spent_seconds
       FROM course_enrolment e JOIN course c ON c.id = e.course_id
       WHERE e.user_id = $1 AND c.slug = $2`;
    const rows: EnrolmentRow[] = manager
      ? await manager.query(sql, [userId, slug])
      : await preparedQuery<EnrolmentRow>(this.dataSource, 'elearning-find-enrolment', sql, [userId, slug]);
    return rows.length ? toEnrolment(rows[0]) : null;
  }

  /** Pins the version at the first start; a second start changes nothing. */
  /** True if this call enrolled the learner (false: they already were). */
  async enrol(
    manager: EntityManager,
    enrolment: { userId: string; courseId: string; versionId: string; firstPageId: string | null; now: Date },
  ): Promise<boolean> {
    // An INSERT comes back from TypeORM as its rows (an UPDATE as [rows, count]).
    const rows: unknown[] = await manager.query(
      `INSERT INTO course_enrolment (user_id, course_id, version_id, started_at, last_active_at, current_page_id)
       VALUES ($1, $2, $3, $4, $4, $5)
       ON CONFLICT ON CONSTRAINT course_enrolment_user_course_key DO NOTHING
       RETURNING id`,
      [enrolment.userId, enrolment.courseId, enrolment.versionId, enrolment.now, enrolment.firstPageId],
    );
    return rows.length === 1;
  }

  /**
   * A page save in one statement (one round trip, no explicit transaction), for the caller's
   * enrolment on this course only if it is pinned to `versionId`: the page's upsert, the resume point
   * and time, and the enrolment and its count of completed pages afterwards; null if there is no
   * such enrolment. Answers are replaced by the latest; time accumulates; a page once completed
   * stays completed even if a later visit leaves a check unanswered.
   */
  async savePage(save: {
    userId: string;
    courseId: string;
    versionId: string;
    pageId: string;
    answers: PageAnswers;
    timeSpentSeconds: number;
    completedAt: Date | null;
    currentPageId: string;
    versionPageIds: readonly string[];
    now: Date;
  }): Promise<{ enrolment: CourseEnrolment; pagesCompleted: number } | null> {
    const rows = await preparedQuery<EnrolmentRow & { pages_completed: number }>(
      this.dataSource,
      'elearning-save-page',
      `WITH enrolment AS (
         SELECT id FROM course_enrolment WHERE user_id = $1 AND course_id = $2 AND version_id = $3
       ), saved AS (
         INSERT INTO page_progress AS pp (enrolment_id, page_id, answers, time_spent_seconds, completed_at, updated_at)
         SELECT id, $4, $5, $6, $7, $8 FROM enrolment
         ON CONFLICT ON CONSTRAINT page_progress_pkey DO UPDATE
           SET answers = EXCLUDED.answers,
               time_spent_seconds = pp.time_spent_seconds + EXCLUDED.time_spent_seconds,
               completed_at = COALESCE(pp.completed_at, EXCLUDED.completed_at),
               updated_at = EXCLUDED.updated_at
         RETURNING completed_at
       ), visit AS (
         UPDATE course_enrolment e SET current_page_id = $9, time_spent_seconds = e.time_spent_seconds + $6, last_active_at = $8
         FROM enrolment WHERE e.id = enrolment.id
         RETURNING e.id, e.user_id, e.course_id, e.version_id, e.started_at, e.last_active_at, e.completed_at, e.current_page_id, e.time_spent_seconds
       )
       SELECT visit.*,
              -- The statement's snapshot does not see its own upsert: count the other pages, then this one.
              (SELECT count(*) FROM page_progress p WHERE p.enrolment_id = visit.id AND p.page_id <> $4 AND p.page_id = ANY($10::uuid[]) AND p.completed_at IS NOT NULL)::int
                + (SELECT count(*) FROM saved WHERE completed_at IS NOT NULL)::int AS pages_completed
       FROM visit`,
      [
        save.userId,
        save.courseId,
        save.versionId,
        save.pageId,
        JSON.stringify(save.answers),
        save.timeSpentSeconds,
        save.completedAt,
        save.now,
        save.currentPageId,
        save.versionPageIds,
      ],
    );
    return rows.length ? { enrolment: toEnrolment(rows[0]), pagesCompleted: rows[0].pages_completed } : null;
  }

  /** Served by page_progress_pkey (leading enrolment_id). */
  async pagesOf(enrolmentId: string): Promise<PageProgress[]> {
    return this.dataSource.getRepository(PageProgress).find({ where: { enrolmentId } });
  }
}

interface EnrolmentRow {
  id: string;
  user_id: string;
  course_id: string;
  version_id: string;
  started_at: Date;
  last_active_at: Date;
  completed_at: Date | null;
  current_page_id: string | null;
  time_spent_seconds: number;
}

function toEnrolment(row: EnrolmentRow): CourseEnrolment {
  return Object.assign(new CourseEnrolment(), {
    id: row.id,
    userId: row.user_id,
    courseId: row.course_id,
    versionId: row.version_id,
    startedAt: row.started_at,
    lastActiveAt: row.last_active_at,
    completedAt: row.completed_at,
    currentPageId: row.current_page_id,
    timeSpentSeconds: row.time_spent_seconds,
  });
}
