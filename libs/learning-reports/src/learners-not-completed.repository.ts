import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { askedAndNotCompleted } from './learners-asked.sql';
import { LearnerNotCompleted } from './models/learner-not-completed.model';

export interface NotCompletedFilter {
  organisationId: string;
  courseId: string;
}

// An organisation's active accounts in (name, id) order come straight off app_user_organisation_id_idx;
// "asked" is a probe of role_assignment's (user_id, …) key and "not completed" an anti-join on
// learner_completion's (course_id, email) key, so a page costs the rows it shows (and the people
// skipped to find them), never the 1.3 million others. The count and the reminders use the same words.
const NOT_COMPLETED = askedAndNotCompleted('$1', '$2');

const SELECT_LEARNERS = `
  SELECT u.id, u.name, u.email::text AS email, e.started_at, e.last_active_at,
         (SELECT max(r.sent_at) FROM course_reminder r WHERE r.user_id = u.id AND r.course_id = $2) AS last_reminded_at
  FROM app_user u
  LEFT JOIN course_enrolment e ON e.user_id = u.id AND e.course_id = $2`;

interface NotCompletedRow {
  id: string;
  name: string;
  email: string;
  started_at: Date | null;
  last_active_at: Date | null;
  last_reminded_at: Date | null;
}

/** Staff of one organisation who have not completed a course, whatever the source of others' completions. */
@Injectable()
export class LearnersNotCompletedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page after the (name, id) cursor, with one row more than asked to tell whether more follow. */
  async page(filter: NotCompletedFilter, first: number, after?: { name: string; id: string }): Promise<LearnerNotCompleted[]> {
    const rows: NotCompletedRow[] = await this.dataSource.query(
      `${SELECT_LEARNERS}
       WHERE ${NOT_COMPLETED} AND ($3::text IS NULL OR (u.name, u.id) > ($3::text, $4::uuid))
       ORDER BY u.name, u.id
       LIMIT $5`,
      [filter.organisationId, filter.courseId, after?.name ?? null, after?.id ?? null, first + 1],
    );
    return rows.map(toLearner);
  }

  /** The organisation's own headcount and completed counter (not its subtree's). */
  async ownCounters(filter: NotCompletedFilter): Promise<{ headcount: number | null; completed: number }> {
    const [row] = await this.dataSource.query<[{ headcount: number | null; completed: number }?]>(
      `SELECT h.headcount, COALESCE(st.completed, 0)::int AS completed
       FROM organisation o
       LEFT JOIN organisation_headcount h ON h.organisation_id = o.id
       LEFT JOIN organisation_course_stats st ON st.organisation_id = o.id AND st.course_id = $2
       WHERE o.id = $1`,
      [filter.organisationId, filter.courseId],
    );
    return { headcount: row?.headcount ?? null, completed: row?.completed ?? 0 };
  }

  /**
   * Exactly the people the list shows. It looks at every account of the organisation along the same
   * index as the list (tens of milliseconds for a trust of thirty thousand); a count from the
   * headcount would be quicker, but would not be the number of people listed.
   */
  async count(filter: NotCompletedFilter): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM app_user u WHERE ${NOT_COMPLETED}`, [
      filter.organisationId,
      filter.courseId,
    ]);
    return row.n;
  }

  /** Everyone, for the CSV, in the same order as the pages. */
  async all(filter: NotCompletedFilter): Promise<LearnerNotCompleted[]> {
    const rows: NotCompletedRow[] = await this.dataSource.query(`${SELECT_LEARNERS} WHERE ${NOT_COMPLETED} ORDER BY u.name, u.id`, [
      filter.organisationId,
      filter.courseId,
    ]);
    return rows.map(toLearner);
  }
}

function toLearner(row: NotCompletedRow): LearnerNotCompleted {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    hasStarted: row.started_at !== null,
    startedAt: row.started_at,
    lastActiveAt: row.last_active_at,
    lastRemindedAt: row.last_reminded_at,
  };
}
