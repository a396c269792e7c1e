import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChasePause } from './entities/chase-pause.entity';

interface PauseRow {
  id: string;
  campaign: string;
  organisation_id: string;
  until: Date;
  reason: string;
  created_by_id: string | null;
  created_at: Date;
  resumed_at: Date | null;
  resumed_by_id: string | null;
  paused_by: string | null;
}

/**
 * Agreed extensions. Pauses are only ever added, never deleted: the latest end is what counts, and
 * history stays. Resuming early marks the pauses still running with when (resumed_at) rather than
 * changing what was agreed; a pause lasts until the earlier of the two.
 */
@Injectable()
export class ChasePauseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    manager: EntityManager,
    pause: { campaign: string; organisationId: string; until: Date; reason: string; createdById: string; createdAt: Date },
  ): Promise<ChasePause> {
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO chase_pause (campaign, organisation_id, until, reason, created_by_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [pause.campaign, pause.organisationId, pause.until, pause.reason, pause.createdById, pause.createdAt],
    );
    return manager.getRepository(ChasePause).findOneByOrFail({ id: row.id });
  }

  /** The latest end of any pause for each (campaign, organisation) pair asked for. */
  async latestEnds(
    pairs: ReadonlyArray<{ campaign: string; organisationId: string }>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, Date>> {
    if (pairs.length === 0) return new Map();
    const rows: Array<{ campaign: string; organisation_id: string; until: Date }> = await manager.query(
      // LEAST ignores NULL: a pause never resumed lasts until its agreed end.
      `SELECT campaign, organisation_id, max(LEAST(until, resumed_at)) AS until FROM chase_pause
       WHERE (campaign, organisation_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))
       GROUP BY campaign, organisation_id`,
      [pairs.map((p) => p.campaign), pairs.map((p) => p.organisationId)],
    );
    return new Map(rows.map((r) => [pairKey(r.campaign, r.organisation_id), r.until]));
  }

  /**
   * The pause each pair is in at `now`, if any: the one ending last, with who agreed it. Pairs
   * not paused are left out.
   */
  async runningAt(
    pairs: ReadonlyArray<{ campaign: string; organisationId: string }>,
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ChasePause>> {
    if (pairs.length === 0) return new Map();
    const rows: PauseRow[] = await manager.query(
      `SELECT DISTINCT ON (p.campaign, p.organisation_id)
              p.id, p.campaign, p.organisation_id, p.until, p.reason, p.created_by_id, p.created_at, p.resumed_at, p.resumed_by_id, u.name AS paused_by
       FROM chase_pause p LEFT JOIN app_user u ON u.id = p.created_by_id
       WHERE (p.campaign, p.organisation_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))
         AND LEAST(p.until, p.resumed_at) > $3
       ORDER BY p.campaign, p.organisation_id, p.until DESC, p.created_at DESC`,
      [pairs.map((p) => p.campaign), pairs.map((p) => p.organisationId), now],
    );
    return new Map(rows.map((r) => [pairKey(r.campaign, r.organisation_id), toEntity(r)]));
  }

  /** Ends now every pause of the pair still running; returns those it ended, latest agreed end first. */
  async resumeRunning(manager: EntityManager, pair: { campaign: string; organisationId: string }, now: Date, resumedById: string): Promise<ChasePause[]> {
    const rows: PauseRow[] = await manager.query(
      // As a CTE, so that the driver answers with the rows (a bare UPDATE answers [rows, count]).
      `WITH ended AS (
         UPDATE chase_pause SET resumed_at = $3, resumed_by_id = $4
         WHERE campaign = $1 AND organisation_id = $2 AND until > $3 AND resumed_at IS NULL
         RETURNING id, campaign, organisation_id, until, reason, created_by_id, created_at, resumed_at, resumed_by_id
       )
       SELECT ended.*, NULL::text AS paused_by FROM ended ORDER BY until DESC`,
      [pair.campaign, pair.organisationId, now, resumedById],
    );
    return rows.map(toEntity);
  }
}

function toEntity(row: PauseRow): ChasePause {
  return Object.assign(new ChasePause(), {
    id: row.id,
    campaign: row.campaign,
    organisationId: row.organisation_id,
    until: row.until,
    reason: row.reason,
    createdById: row.created_by_id,
    createdAt: row.created_at,
    resumedAt: row.resumed_at,
    resumedById: row.resumed_by_id,
    pausedBy: row.paused_by,
  });
}

export function pairKey(campaign: string, organisationId: string): string {
  return `${campaign}|${organisationId}`;
}
