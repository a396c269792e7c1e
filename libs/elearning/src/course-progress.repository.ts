import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CourseEnrolment } from './entities/course-enrolment.entity';
import { PageAnswers, PageProgress } from './entities/page-progress.entity';

/**
 * A learner's enrolments and page progress. Every statement is keyed by the caller's own user id or
 * by an enrolment the service loaded for that user: there is no query by another learner.
 */
@Injectable()
export class CourseProgressRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Uses course_enrolment_user_course_key. */
  async findEnrolment(userId: string, slug: string, manager: EntityManager = this.dataSource.manager): Promise<CourseEnrolment | null> {
    return manager
      .getRepository(CourseEnrolment)
      .createQueryBuilder('e')
      .innerJoin('course', 'c', 'c.id = e.course_id')
      .where('e.user_id = :userId AND c.slug = :slug', { userId, slug })
      .getOne();
  }

  /** Pins the version at the first start; a second start changes nothing. */
  /** True if this call enrolled the learner (false: they already were). */
  async enrol(manager: EntityManager, enrolment: { userId: string; courseId: string; versionId: string; firstPageId: string | null; now: Date }): Promise<boolean> {
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
   * The save, on the primary key. Answers are replaced by the latest; time accumulates; a page
   * once completed stays completed even if a later visit leaves a check unanswered.
   */
  async upsertPageProgress(
    manager: EntityManager,
    save: { enrolmentId: string; pageId: string; answers: PageAnswers; timeSpentSeconds: number; completedAt: Date | null; now: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO page_progress AS pp (enrolment_id, page_id, answers, time_spent_seconds, completed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT page_progress_pkey DO UPDATE
         SET answers = EXCLUDED.answers,
             time_spent_seconds = pp.time_spent_seconds + EXCLUDED.time_spent_seconds,
             completed_at = COALESCE(pp.completed_at, EXCLUDED.completed_at),
             updated_at = EXCLUDED.updated_at`,
      [save.enrolmentId, save.pageId, JSON.stringify(save.answers), save.timeSpentSeconds, save.completedAt, save.now],
    );
  }

  /** Returns the learner's total time after this visit (another device may have added to it meanwhile). */
  async recordVisit(manager: EntityManager, visit: { enrolmentId: string; currentPageId: string; timeSpentSeconds: number; now: Date }): Promise<number> {
    const [rows]: [Array<{ time_spent_seconds: number }>, number] = await manager.query(
      `UPDATE course_enrolment SET current_page_id = $2, time_spent_seconds = time_spent_seconds + $3, last_active_at = $4 WHERE id = $1 RETURNING time_spent_seconds`,
      [visit.enrolmentId, visit.currentPageId, visit.timeSpentSeconds, visit.now],
    );
    return rows[0].time_spent_seconds;
  }

  /** Served by page_progress_pkey (leading enrolment_id). */
  async pagesOf(enrolmentId: string): Promise<PageProgress[]> {
    return this.dataSource.getRepository(PageProgress).find({ where: { enrolmentId } });
  }
}
