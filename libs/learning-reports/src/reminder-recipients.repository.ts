import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { askedAndNotCompleted, askedAt } from './learners-asked.sql';

export interface ReminderCandidate {
  id: string;
  name: string;
  email: string;
  organisationId: string;
  hasStarted: boolean;
}

/**
 * Who a run of reminders reaches: the people of the run's subtree asked to take the course who have
 * not completed it (the same condition as the list of learners not completed), were asked before
 * `askedBefore` (a grace period after the invitation) and have not been reminded about it in the period. Read one organisation at a time along
 * app_user_organisation_id_idx from the run's cursor, so each learner is looked at once per run.
 */
@Injectable()
export class ReminderRecipientsRepository {
  /** Organisations of the subtree with active accounts, in id order, from `fromId` on. */
  async organisationsFrom(manager: EntityManager, rootId: string, fromId: string | null): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT a.descendant_id AS id
       FROM organisation_ancestor a
       WHERE a.ancestor_id = $1 AND ($2::uuid IS NULL OR a.descendant_id >= $2)
         AND EXISTS (SELECT 1 FROM app_user u WHERE u.organisation_id = a.descendant_id AND u.is_active)
       ORDER BY a.descendant_id`,
      [rootId, fromId],
    );
    return rows.map((r) => r.id);
  }

  async candidatesAt(
    manager: EntityManager,
    query: {
      organisationId: string;
      courseId: string;
      period: string;
      askedBefore: Date;
      after: { name: string; id: string } | null;
      limit: number;
    },
  ): Promise<ReminderCandidate[]> {
    return manager.query(
      `SELECT u.id, u.name, u.email::text AS email, u.organisation_id AS "organisationId", e.id IS NOT NULL AS "hasStarted"
       FROM app_user u
       LEFT JOIN course_enrolment e ON e.user_id = u.id AND e.course_id = $2
       WHERE ${askedAndNotCompleted('$1', '$2')}
         AND ${askedAt('$2')} < $7
         AND ($4::text IS NULL OR (u.name, u.id) > ($4::text, $5::uuid))
         AND NOT EXISTS (SELECT 1 FROM course_reminder r WHERE r.user_id = u.id AND r.course_id = $2 AND r.period = $3)
       ORDER BY u.name, u.id
       LIMIT $6`,
      [query.organisationId, query.courseId, query.period, query.after?.name ?? null, query.after?.id ?? null, query.limit, query.askedBefore],
    );
  }

  /**
   * Records the reminders and returns the learners newly reminded: only those are e-mailed. A learner
   * another run reminded in the meantime hits the key and is left out. Rows go in key order so that
   * two runs over overlapping subtrees wait on each other rather than deadlock.
   */
  async recordReminders(
    manager: EntityManager,
    reminders: { runId: string; courseId: string; period: string; sentAt: Date; learners: ReadonlyArray<Pick<ReminderCandidate, 'id' | 'organisationId'>> },
  ): Promise<Set<string>> {
    if (reminders.learners.length === 0) return new Set();
    const rows: Array<{ user_id: string }> = await manager.query(
      `INSERT INTO course_reminder (user_id, course_id, period, run_id, organisation_id, sent_at)
       SELECT l.user_id, $1, $2, $3, l.organisation_id, $4
       FROM unnest($5::uuid[], $6::uuid[]) AS l(user_id, organisation_id)
       ORDER BY l.user_id
       ON CONFLICT ON CONSTRAINT course_reminder_pkey DO NOTHING
       RETURNING user_id`,
      [
        reminders.courseId,
        reminders.period,
        reminders.runId,
        reminders.sentAt,
        reminders.learners.map((l) => l.id),
        reminders.learners.map((l) => l.organisationId),
      ],
    );
    return new Set(rows.map((r) => r.user_id));
  }
}
