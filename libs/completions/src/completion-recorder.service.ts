import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LONDON_ZONE } from '@dasv/common';
import { CompletionSource } from './completion-source';

export interface CompletionToRecord {
  courseId: string;
  email: string;
  userId: string | null;
  organisationId: string;
  versionId: string | null;
  completedAt: Date;
  source: CompletionSource;
}

/**
 * The one way a completion is recorded, from a passed assessment or an import alike. It runs in the
 * caller's transaction and counts a person once: only the first completion for an e-mail and course
 * inserts a learner_completion row, and only inserted rows add to the organisation's counters, in
 * the same statement. A later source for the same person is remembered on the row and counts nothing.
 */
@Injectable()
export class CompletionRecorderService {
  /** The rows newly counted (the rest were people already recorded). */
  async record(manager: EntityManager, completions: readonly CompletionToRecord[]): Promise<number> {
    if (!completions.length) return 0;
    const rows: Array<{ counted: number }> = await manager.query(
      `WITH given AS (
         -- One row per person: ON CONFLICT cannot touch the same row twice in a statement.
         SELECT DISTINCT ON (course_id, email) *
         FROM unnest($1::uuid[], $2::citext[], $3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::text[])
           AS g(course_id, email, user_id, organisation_id, version_id, completed_at, source)
         ORDER BY course_id, email, completed_at
       ), upserted AS (
         INSERT INTO learner_completion AS lc (course_id, email, user_id, organisation_id, version_id, completed_at, sources)
         SELECT course_id, email, user_id, organisation_id, version_id, completed_at, ARRAY[source] FROM given
         ON CONFLICT ON CONSTRAINT learner_completion_course_email_key DO UPDATE
           SET sources = ARRAY(SELECT DISTINCT s FROM unnest(lc.sources || EXCLUDED.sources) s ORDER BY s),
               user_id = COALESCE(lc.user_id, EXCLUDED.user_id),
               version_id = COALESCE(lc.version_id, EXCLUDED.version_id)
         RETURNING lc.organisation_id, lc.course_id, lc.completed_at, (xmax = 0) AS inserted
       ), counted AS (
         SELECT organisation_id, course_id, (completed_at AT TIME ZONE '${LONDON_ZONE}')::date AS day FROM upserted WHERE inserted
       ), stats AS (
         INSERT INTO organisation_course_stats AS s (organisation_id, course_id, completed, updated_at)
         SELECT organisation_id, course_id, count(*), now() FROM counted GROUP BY organisation_id, course_id
         ON CONFLICT ON CONSTRAINT organisation_course_stats_pkey DO UPDATE
           SET completed = s.completed + EXCLUDED.completed, updated_at = EXCLUDED.updated_at
       ), days AS (
         INSERT INTO organisation_completion_day AS d (organisation_id, course_id, day, completed)
         SELECT organisation_id, course_id, day, count(*) FROM counted GROUP BY organisation_id, course_id, day
         ON CONFLICT ON CONSTRAINT organisation_completion_day_pkey DO UPDATE SET completed = d.completed + EXCLUDED.completed
       )
       SELECT count(*)::int AS counted FROM counted`,
      [
        completions.map((c) => c.courseId),
        completions.map((c) => c.email),
        completions.map((c) => c.userId),
        completions.map((c) => c.organisationId),
        completions.map((c) => c.versionId),
        completions.map((c) => c.completedAt),
        completions.map((c) => c.source),
      ],
    );
    return rows[0].counted;
  }

  /** A learner's first start on a course, counted for their organisation in the enrolling transaction. */
  async recordStart(manager: EntityManager, start: { organisationId: string; courseId: string; now: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO organisation_course_stats AS s (organisation_id, course_id, started, updated_at) VALUES ($1, $2, 1, $3)
       ON CONFLICT ON CONSTRAINT organisation_course_stats_pkey DO UPDATE SET started = s.started + 1, updated_at = EXCLUDED.updated_at`,
      [start.organisationId, start.courseId, start.now],
    );
  }
}
