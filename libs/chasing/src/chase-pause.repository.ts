import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChasePause } from './entities/chase-pause.entity';

/** Agreed extensions. Pauses are only ever added: the latest end is what counts, and history stays. */
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
      `SELECT campaign, organisation_id, max(until) AS until FROM chase_pause
       WHERE (campaign, organisation_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))
       GROUP BY campaign, organisation_id`,
      [pairs.map((p) => p.campaign), pairs.map((p) => p.organisationId)],
    );
    return new Map(rows.map((r) => [pairKey(r.campaign, r.organisation_id), r.until]));
  }
}

export function pairKey(campaign: string, organisationId: string): string {
  return `${campaign}|${organisationId}`;
}
