import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrganisationType } from '@dasv/organisations';

export interface CompletionFiguresRow {
  organisationId: string;
  odsCode: string;
  name: string;
  type: OrganisationType;
  parentOdsCode: string | null;
  /** 0 for the organisation reported on, 1 for its children, and so on. */
  depth: number;
  headcount: number | null;
  started: number;
  completed: number;
  completionRate: number | null;
  organisationsWithHeadcount: number;
  organisationsWithoutHeadcount: number;
  completedWithoutHeadcount: number;
  /** This organisation itself should have a headcount (it is an open trust, or has learners of its own) and has none. */
  lacksHeadcount: boolean;
  /** Among the rows of the same type beneath the organisation reported on; null for it and for rows without a rate. */
  rank: number | null;
  peers: number;
  /** When a counter of the subtree last moved: with `completed`, tells whether its daily figures can have changed. */
  countersUpdatedAt: Date | null;
}

export interface CompletionDayRow {
  day: string;
  completed: number;
}

/**
 * The organisation $1 and everything beneath it, each with the sums over its own subtree for course
 * $2, ranked against the others of its type. Every (organisation in scope, descendant) pair of the
 * closure is joined to the descendant's own counters: about a thousand rows nationally, never a row
 * per learner. An organisation "lacks a headcount" when it is an open trust (trusts employ the staff)
 * or has learners of its own, and has no headcount row. Closed organisations appear only while they
 * hold figures, which their parents' sums include.
 */
const FIGURES = `
  WITH subtree AS (
    SELECT a.ancestor_id AS id,
           sum(h.headcount)::int AS headcount,
           COALESCE(sum(st.started), 0)::int AS started,
           COALESCE(sum(st.completed), 0)::int AS completed,
           COALESCE(sum(st.completed) FILTER (WHERE h.headcount IS NULL), 0)::int AS completed_without_headcount,
           COALESCE(sum(st.completed) FILTER (WHERE h.headcount IS NOT NULL), 0)::int AS completed_counted,
           (count(*) FILTER (WHERE h.headcount IS NOT NULL))::int AS counted,
           (count(*) FILTER (WHERE h.headcount IS NULL AND d.is_active AND (d.type = 'TRUST' OR st.started > 0 OR st.completed > 0)))::int AS lacking,
           COALESCE(bool_or(a.descendant_id = a.ancestor_id AND h.headcount IS NULL AND d.is_active
                            AND (d.type = 'TRUST' OR st.started > 0 OR st.completed > 0)), false) AS lacks_own,
           max(st.updated_at) AS counters_updated_at
    FROM organisation_ancestor r
    JOIN organisation_ancestor a ON a.ancestor_id = r.descendant_id
    JOIN organisation d ON d.id = a.descendant_id
    LEFT JOIN organisation_headcount h ON h.organisation_id = a.descendant_id
    LEFT JOIN organisation_course_stats st ON st.organisation_id = a.descendant_id AND st.course_id = $2
    WHERE r.ancestor_id = $1
    GROUP BY a.ancestor_id
  ), figures AS (
    SELECT o.id, o.ods_code, o.name, o.type, p.ods_code AS parent_ods_code, r.depth,
           t.headcount, t.started, t.completed, t.completed_without_headcount, t.counted, t.lacking, t.lacks_own, t.counters_updated_at,
           CASE WHEN t.headcount > 0 THEN t.completed_counted::float8 / t.headcount END AS rate
    FROM subtree t
    JOIN organisation_ancestor r ON r.ancestor_id = $1 AND r.descendant_id = t.id
    JOIN organisation o ON o.id = t.id
    LEFT JOIN organisation p ON p.id = o.parent_id
    WHERE r.depth = 0 OR o.is_active OR t.headcount IS NOT NULL OR t.started > 0 OR t.completed > 0
  )
  SELECT f.*,
         CASE WHEN f.depth > 0 AND f.rate IS NOT NULL
              THEN rank() OVER (PARTITION BY f.depth > 0, f.type, f.rate IS NULL ORDER BY f.rate DESC) END::int AS rank,
         (count(f.rate) FILTER (WHERE f.depth > 0) OVER (PARTITION BY f.type))::int AS peers
         /*days*/
  FROM figures f
  ORDER BY f.depth, f.name, f.id`;

/**
 * Completions per day (London time) in the subtree of $1 from day $3 on, as JSON on the first row:
 * in the same statement as the figures, so the running total and the days come from one snapshot.
 * Uncorrelated, so PostgreSQL computes it once, for the row that asks.
 */
const DAYS = `,
  CASE WHEN f.depth = 0 THEN (
    SELECT COALESCE(json_agg(json_build_object('day', x.day, 'completed', x.completed) ORDER BY x.day), '[]'::json)
    FROM (SELECT d.day::text AS day, sum(d.completed)::int AS completed
          FROM organisation_ancestor da
          JOIN organisation_completion_day d ON d.organisation_id = da.descendant_id AND d.course_id = $2 AND d.day >= $3::date
          WHERE da.ancestor_id = $1
          GROUP BY d.day) x
  ) END AS days`;

/**
 * The completion dashboard, read from the counters kept as completions happen: each organisation's own
 * row of organisation_course_stats and organisation_headcount (about 250 of each nationally), summed
 * over every subtree through organisation_ancestor. Never a count over learners: the cost is the
 * same with a thousand learners or 1.3 million.
 */
@Injectable()
export class CompletionDashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organisation and every organisation beneath it, the organisation first. */
  async figures(rootId: string, courseId: string): Promise<CompletionFiguresRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(FIGURES, [rootId, courseId]);
    return rows.map(toFigures);
  }

  /** The figures, and the subtree's completions per day from `fromDay` on, oldest first. */
  async figuresWithDays(rootId: string, courseId: string, fromDay: string): Promise<{ figures: CompletionFiguresRow[]; days: CompletionDayRow[] }> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(FIGURES.replace('/*days*/', DAYS), [rootId, courseId, fromDay]);
    return { figures: rows.map(toFigures), days: (rows[0]?.days as CompletionDayRow[] | undefined) ?? [] };
  }
}

function toFigures(r: Record<string, unknown>): CompletionFiguresRow {
  return {
    organisationId: r.id as string,
    odsCode: r.ods_code as string,
    name: r.name as string,
    type: r.type as OrganisationType,
    parentOdsCode: r.parent_ods_code as string | null,
    depth: r.depth as number,
    headcount: r.headcount as number | null,
    started: r.started as number,
    completed: r.completed as number,
    completionRate: r.rate as number | null,
    organisationsWithHeadcount: r.counted as number,
    organisationsWithoutHeadcount: r.lacking as number,
    completedWithoutHeadcount: r.completed_without_headcount as number,
    lacksHeadcount: r.lacks_own as boolean,
    rank: r.rank as number | null,
    peers: r.peers as number,
    countersUpdatedAt: r.counters_updated_at as Date | null,
  };
}
