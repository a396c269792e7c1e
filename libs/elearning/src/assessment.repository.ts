import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '@dasv/database';
import { AssessmentAttempt } from './entities/assessment-attempt.entity';
import { AssessmentQuestion } from './entities/assessment-question.entity';

export interface OwnedAttempt {
  attempt: AssessmentAttempt;
  courseId: string;
  versionId: string;
}

/** Assessment attempts and the question bank. Attempts are reached only through the caller's own enrolment. */
@Injectable()
export class AssessmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Serialises starts and submissions of one learner's course: the draw and completion never race. */
  async lockEnrolment(manager: EntityManager, enrolmentId: string): Promise<{ completedAt: Date | null }> {
    const rows: Array<{ completed_at: Date | null }> = await manager.query(`SELECT completed_at FROM course_enrolment WHERE id = $1 FOR UPDATE`, [enrolmentId]);
    return { completedAt: rows[0].completed_at };
  }

  /** Served by assessment_attempt_open_key. */
  async openAttempt(enrolmentId: string, manager: EntityManager = this.dataSource.manager): Promise<AssessmentAttempt | null> {
    return manager
      .getRepository(AssessmentAttempt)
      .createQueryBuilder('a')
      .where('a.enrolment_id = :enrolmentId AND a.submitted_at IS NULL', { enrolmentId })
      .getOne();
  }

  /** Draws `size` questions of the version at random, in one statement, numbered after the last attempt. */
  async drawAttempt(manager: EntityManager, draw: { enrolmentId: string; versionId: string; size: number; now: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO assessment_attempt (enrolment_id, number, question_ids, started_at)
       SELECT $1,
              COALESCE((SELECT max(number) FROM assessment_attempt WHERE enrolment_id = $1), 0) + 1,
              ARRAY(SELECT id FROM assessment_question WHERE version_id = $2 ORDER BY random() LIMIT $3),
              $4`,
      [draw.enrolmentId, draw.versionId, draw.size, draw.now],
    );
  }

  /** The attempt only if it belongs to this user: another learner's attempt is indistinguishable from none. */
  async findOwnedAttempt(userId: string, attemptId: string): Promise<OwnedAttempt | null> {
    const rows: Array<{ course_id: string; version_id: string }> = await this.dataSource.query(
      `SELECT e.course_id, e.version_id FROM assessment_attempt a JOIN course_enrolment e ON e.id = a.enrolment_id WHERE a.id = $1 AND e.user_id = $2`,
      [attemptId, userId],
    );
    if (!rows.length) return null;
    const attempt = await this.dataSource.getRepository(AssessmentAttempt).findOneByOrFail({ id: attemptId });
    return { attempt, courseId: rows[0].course_id, versionId: rows[0].version_id };
  }

  async questions(ids: string[]): Promise<AssessmentQuestion[]> {
    return this.dataSource.getRepository(AssessmentQuestion).createQueryBuilder('q').where('q.id = ANY(:ids)', { ids }).getMany();
  }

  /** Marks an open attempt; false if it was already marked (a second tab submitting the same attempt). */
  async mark(manager: EntityManager, mark: { attemptId: string; score: number; passed: boolean; now: Date }): Promise<boolean> {
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE assessment_attempt SET submitted_at = $2, score = $3, passed = $4 WHERE id = $1 AND submitted_at IS NULL RETURNING id`,
      [mark.attemptId, mark.now, mark.score, mark.passed],
    );
    return rows.length === 1;
  }

  /** Completion is set by the first pass only; nothing ever clears it. */
  async complete(manager: EntityManager, enrolmentId: string, now: Date): Promise<Date> {
    const rows = await updateReturning<{ completed_at: Date }>(
      manager,
      `UPDATE course_enrolment SET completed_at = COALESCE(completed_at, $2), last_active_at = $2 WHERE id = $1 RETURNING completed_at`,
      [enrolmentId, now],
    );
    return rows[0].completed_at;
  }

  /** Served by assessment_attempt_enrolment_number_key. */
  async attemptsOf(enrolmentId: string): Promise<AssessmentAttempt[]> {
    return this.dataSource.getRepository(AssessmentAttempt).find({ where: { enrolmentId }, order: { number: 'ASC' } });
  }
}
