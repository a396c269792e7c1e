import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChaseLog, ChaseStage } from './entities/chase-log.entity';
import { pairKey } from './chase-pause.repository';

export interface NewChase {
  key: string;
  organisationId: string | null;
  stage: ChaseStage;
  dueOn: string;
  recipients: string[];
  note?: string | null;
}

interface ChaseLogRow {
  id: string;
  key: string;
  campaign: string;
  organisation_id: string | null;
  stage: ChaseStage;
  due_on: string;
  recipients: string[];
  decided_at: Date;
  created_by_id: string | null;
  note: string | null;
  sent_by?: string | null;
}

// Dates as text (node-postgres would turn a date into a local-midnight Date) and citext[] as text[]
// (node-postgres has no parser for citext arrays and would return the literal '{a,b}').
const columns = (t = '') =>
  `${t}id, ${t}key, ${t}campaign, ${t}organisation_id, ${t}stage, ${t}due_on::text AS due_on, ${t}recipients::text[] AS recipients, ${t}decided_at, ${t}created_by_id, ${t}note`;

/** Every chase decided, one row per key; the unique key is what makes a decision happen once. */
@Injectable()
export class ChaseLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records the chases not recorded before and returns only those: the caller sends e-mail for
   * exactly these. Rows go in key order so that two sweeps deciding the same chases queue behind each
   * other on the first key instead of deadlocking.
   */
  async insertNew(
    manager: EntityManager,
    campaign: string,
    decidedAt: Date,
    chases: readonly NewChase[],
    createdById: string | null = null,
  ): Promise<ChaseLog[]> {
    if (chases.length === 0) return [];
    const rows: ChaseLogRow[] = await manager.query(
      `INSERT INTO chase_log (key, campaign, organisation_id, stage, due_on, recipients, decided_at, created_by_id, note)
       SELECT c.key, $1, c.organisation_id, c.stage, c.due_on, ARRAY(SELECT jsonb_array_elements_text(c.recipients))::citext[], $2, $3, c.note
       FROM unnest($4::text[], $5::uuid[], $6::text[], $7::date[], $8::jsonb[], $9::text[]) AS c(key, organisation_id, stage, due_on, recipients, note)
       ORDER BY c.key
       ON CONFLICT (key) DO NOTHING
       RETURNING ${columns()}`,
      [
        campaign,
        decidedAt,
        createdById,
        chases.map((c) => c.key),
        chases.map((c) => c.organisationId),
        chases.map((c) => c.stage),
        chases.map((c) => c.dueOn),
        chases.map((c) => JSON.stringify(c.recipients)),
        chases.map((c) => c.note ?? null),
      ],
    );
    return rows.map(toEntity);
  }

  /**
   * Notes on each organisation's own log that it was listed in a digest. A later digest the same day
   * (an admin added since) adds its recipients to the same row rather than a second row.
   */
  async recordEscalations(manager: EntityManager, campaign: string, decidedAt: Date, chases: readonly NewChase[]): Promise<void> {
    if (chases.length === 0) return;
    await manager.query(
      `INSERT INTO chase_log (key, campaign, organisation_id, stage, due_on, recipients, decided_at)
       SELECT c.key, $1, c.organisation_id, $3, c.due_on, ARRAY(SELECT jsonb_array_elements_text(c.recipients))::citext[], $2
       FROM unnest($4::text[], $5::uuid[], $6::date[], $7::jsonb[]) AS c(key, organisation_id, due_on, recipients)
       ORDER BY c.key
       ON CONFLICT (key) DO UPDATE
         SET recipients = ARRAY(SELECT DISTINCT r FROM unnest(chase_log.recipients || excluded.recipients) AS r ORDER BY r)`,
      [
        campaign,
        decidedAt,
        ChaseStage.ESCALATION,
        chases.map((c) => c.key),
        chases.map((c) => c.organisationId),
        chases.map((c) => c.dueOn),
        chases.map((c) => JSON.stringify(c.recipients)),
      ],
    );
  }

  /** When each (campaign, organisation) pair asked for was last chased by hand, keyed by pairKey. */
  async lastManualChases(
    pairs: ReadonlyArray<{ campaign: string; organisationId: string }>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, Date>> {
    if (pairs.length === 0) return new Map();
    const rows: Array<{ campaign: string; organisation_id: string; at: Date }> = await manager.query(
      `SELECT campaign, organisation_id, max(decided_at) AS at FROM chase_log
       WHERE (campaign, organisation_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[])) AND stage = $3
       GROUP BY campaign, organisation_id`,
      [pairs.map((p) => p.campaign), pairs.map((p) => p.organisationId), ChaseStage.MANUAL],
    );
    return new Map(rows.map((r) => [pairKey(r.campaign, r.organisation_id), r.at]));
  }

  /**
   * Serialises chases by hand of one organisation in one campaign until the caller's transaction
   * ends, so two submissions of the same form cannot both find no earlier chase.
   */
  async lockManualChases(manager: EntityManager, campaign: string, organisationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('chase-manual|' || $1 || '|' || $2))`, [campaign, organisationId]);
  }

  /** The same person's chase by hand with the same note since `since`, if any (newest). */
  async recentManualChase(
    manager: EntityManager,
    chase: { campaign: string; organisationId: string; createdById: string; note: string | null; since: Date },
  ): Promise<ChaseLog | null> {
    const rows: ChaseLogRow[] = await manager.query(
      `SELECT ${columns('l.')}, u.name AS sent_by
       FROM chase_log l LEFT JOIN app_user u ON u.id = l.created_by_id
       WHERE l.campaign = $1 AND l.organisation_id = $2 AND l.stage = $3 AND l.created_by_id = $4
         AND l.note IS NOT DISTINCT FROM $5 AND l.decided_at >= $6
       ORDER BY l.decided_at DESC LIMIT 1`,
      [chase.campaign, chase.organisationId, ChaseStage.MANUAL, chase.createdById, chase.note, chase.since],
    );
    return rows.length ? toEntity(rows[0]) : null;
  }

  /** The log of each (campaign, organisation) pair asked for, newest first. */
  async listFor(pairs: ReadonlyArray<{ campaign: string; organisationId: string }>, manager: EntityManager = this.dataSource.manager): Promise<ChaseLog[]> {
    if (pairs.length === 0) return [];
    const rows: ChaseLogRow[] = await manager.query(
      `SELECT ${columns('l.')}, u.name AS sent_by
       FROM chase_log l LEFT JOIN app_user u ON u.id = l.created_by_id
       WHERE (l.campaign, l.organisation_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))
       ORDER BY l.decided_at DESC, l.key DESC`,
      [pairs.map((p) => p.campaign), pairs.map((p) => p.organisationId)],
    );
    return rows.map(toEntity);
  }
}

function toEntity(row: ChaseLogRow): ChaseLog {
  return Object.assign(new ChaseLog(), {
    id: row.id,
    key: row.key,
    campaign: row.campaign,
    organisationId: row.organisation_id,
    stage: row.stage,
    dueOn: row.due_on,
    recipients: row.recipients,
    decidedAt: row.decided_at,
    createdById: row.created_by_id,
    note: row.note,
    sentBy: row.sent_by ?? null,
  });
}
