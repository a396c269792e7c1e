import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '@dasv/database';
import { DasvLead } from './entities/dasv-lead.entity';
import { LeadRole } from './lead-role';
import { ChangedLead, LeadPerson, LeadPlace } from './lead-records';

/** A current lead moved from a closed organisation to the one that took over its work. */
export interface CarriedLead {
  fromLeadId: string;
  fromOrganisationId: string;
  /** The lead's row at the successor: new, or one they already held there. */
  toLeadId: string;
  toOrganisationId: string;
  userId: string;
  leadRole: string;
}

/** How many successor links to follow: far more than any real chain of mergers, and a stop if ODS data ever loops. */
export const MAX_SUCCESSION_DEPTH = 20;

interface LeadPersonRow {
  lead_id: string;
  organisation_id: string;
  user_id: string;
  lead_role: LeadRole;
  name: string;
  email: string;
  job_title: string | null;
  source_submission_id: string | null;
  started_at: Date;
  ended_at: Date | null;
}

/**
 * dasv_lead, the one place that reads its rows for others and the only writer: who is and was a
 * lead of which organisation. A lead is ended with a date, never deleted. The data source rather
 * than an injected entity repository: the orgs:import command provides this repository (through
 * LeadSuccessionModule) without loading the leads' TypeORM entities, and calls only its SQL.
 */
@Injectable()
export class LeadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private static readonly PERSON_SELECT = `
    SELECT l.id AS lead_id, l.organisation_id, l.user_id, l.lead_role, u.name, u.email::text AS email, u.job_title,
           l.source_submission_id, l.started_at, l.ended_at
    FROM dasv_lead l
    JOIN app_user u ON u.id = l.user_id`;

  async findByIds(ids: readonly string[]): Promise<DasvLead[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(DasvLead).createQueryBuilder('l').where('l.id = ANY(:ids)', { ids }).getMany();
  }

  async findCurrentOf(userIds: readonly string[]): Promise<DasvLead[]> {
    if (userIds.length === 0) return [];
    return this.dataSource
      .getRepository(DasvLead)
      .createQueryBuilder('l')
      .where('l.user_id = ANY(:userIds)', { userIds })
      .andWhere('l.ended_at IS NULL')
      .orderBy('l.started_at')
      .addOrderBy('l.id')
      .getMany();
  }

  /**
   * Every lead, current and past, of the organisation and of every organisation merged into it,
   * however many mergers back: the successor links are followed backwards in the query itself.
   */
  findLineage(organisationId: string): Promise<DasvLead[]> {
    return this.dataSource
      .getRepository(DasvLead)
      .createQueryBuilder('l')
      .where(
        `l.organisation_id IN (
           WITH RECURSIVE lineage (id, depth) AS (
             SELECT CAST(:organisationId AS uuid), 0
             UNION
             SELECT o.id, lineage.depth + 1 FROM organisation o JOIN lineage ON o.successor_id = lineage.id WHERE lineage.depth < :maxDepth
           )
           SELECT id FROM lineage)`,
        { organisationId, maxDepth: MAX_SUCCESSION_DEPTH },
      )
      .orderBy('l.started_at')
      .addOrderBy('l.id')
      .getMany();
  }

  async hasEverLed(userId: string): Promise<boolean> {
    return (await this.dataSource.getRepository(DasvLead).createQueryBuilder('l').where('l.user_id = :userId', { userId }).getExists()) === true;
  }

  /** The organisation's current leads: executive, senior, then operational, longest serving first. */
  async findCurrentAt(organisationId: string, manager?: EntityManager): Promise<LeadPerson[]> {
    const rows: LeadPersonRow[] = await (manager ?? this.dataSource.manager).query(
      `${LeadsRepository.PERSON_SELECT}
       WHERE l.organisation_id = $1 AND l.ended_at IS NULL
       ORDER BY CASE l.lead_role WHEN 'EXECUTIVE' THEN 0 WHEN 'SENIOR' THEN 1 ELSE 2 END, l.started_at, u.name`,
      [organisationId],
    );
    return rows.map(toPerson);
  }

  async findPerson(id: string, manager?: EntityManager): Promise<LeadPerson | null> {
    const rows: LeadPersonRow[] = await (manager ?? this.dataSource.manager).query(`${LeadsRepository.PERSON_SELECT} WHERE l.id = $1`, [id]);
    return rows.length ? toPerson(rows[0]) : null;
  }

  /** The lead, locked until the transaction ends: two changes to one place go one after the other. */
  async lockPerson(manager: EntityManager, id: string): Promise<LeadPerson | null> {
    await manager.query(`SELECT 1 FROM dasv_lead WHERE id = $1 FOR UPDATE`, [id]);
    return this.findPerson(id, manager);
  }

  async findCurrentId(manager: EntityManager, organisationId: string, place: LeadPlace): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM dasv_lead WHERE organisation_id = $1 AND user_id = $2 AND lead_role = $3 AND ended_at IS NULL`,
      [organisationId, place.userId, place.leadRole],
    );
    return rows[0]?.id ?? null;
  }

  /** Of these people, those who are a current lead of the organisation (in any role). */
  async findLeadingAt(manager: EntityManager, organisationId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: Array<{ user_id: string }> = await manager.query(
      `SELECT DISTINCT l.user_id FROM dasv_lead l WHERE l.organisation_id = $1 AND l.user_id = ANY($2::uuid[]) AND l.ended_at IS NULL`,
      [organisationId, userIds],
    );
    return rows.map((r) => r.user_id);
  }

  /** Of these people, those with no current lead left at the organisation. */
  async findWithoutCurrentLead(manager: EntityManager, organisationId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: Array<{ user_id: string }> = await manager.query(
      `SELECT DISTINCT u AS user_id FROM unnest($2::uuid[]) AS u
       WHERE NOT EXISTS (SELECT 1 FROM dasv_lead l WHERE l.organisation_id = $1 AND l.user_id = u AND l.ended_at IS NULL)`,
      [organisationId, userIds],
    );
    return rows.map((r) => r.user_id);
  }

  /** Ends the organisation's current leads whose (person, role) is not among `keep`; returns them. */
  async endAllExcept(manager: EntityManager, organisationId: string, keep: readonly LeadPlace[], at: Date): Promise<ChangedLead[]> {
    const rows = await updateReturning<{ id: string; user_id: string; lead_role: LeadRole }>(
      manager,
      `UPDATE dasv_lead l SET ended_at = $2
       WHERE l.organisation_id = $1 AND l.ended_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM unnest($3::uuid[], $4::text[]) AS k(user_id, lead_role) WHERE k.user_id = l.user_id AND k.lead_role = l.lead_role)
       RETURNING l.id, l.user_id, l.lead_role`,
      [organisationId, at, keep.map((k) => k.userId), keep.map((k) => k.leadRole)],
    );
    return rows.map((r) => ({ leadId: r.id, userId: r.user_id, leadRole: r.lead_role }));
  }

  /**
   * Starts a lead for each (person, role) not already a current lead of the organisation, and
   * points those who are at this submission, the latest to name them; returns the new ones.
   */
  async start(
    manager: EntityManager,
    organisationId: string,
    places: readonly LeadPlace[],
    sourceSubmissionId: string | null,
    at: Date,
  ): Promise<ChangedLead[]> {
    if (places.length === 0) return [];
    const params = [organisationId, places.map((p) => p.userId), places.map((p) => p.leadRole), sourceSubmissionId, at];
    const started: Array<{ id: string; user_id: string; lead_role: LeadRole }> = await manager.query(
      `INSERT INTO dasv_lead (organisation_id, user_id, lead_role, started_at, source_submission_id)
       SELECT $1, p.user_id, p.lead_role, $5, $4 FROM unnest($2::uuid[], $3::text[]) AS p(user_id, lead_role)
       ON CONFLICT (organisation_id, user_id, lead_role) WHERE ended_at IS NULL DO NOTHING
       RETURNING id, user_id, lead_role`,
      params,
    );
    if (sourceSubmissionId) {
      await manager.query(
        `UPDATE dasv_lead l SET source_submission_id = $4
         FROM unnest($2::uuid[], $3::text[]) AS p(user_id, lead_role)
         WHERE l.organisation_id = $1 AND l.ended_at IS NULL AND l.user_id = p.user_id AND l.lead_role = p.lead_role
           AND l.source_submission_id IS DISTINCT FROM $4`,
        params.slice(0, 4),
      );
    }
    return started.map((r) => ({ leadId: r.id, userId: r.user_id, leadRole: r.lead_role }));
  }

  async end(manager: EntityManager, id: string, at: Date, successorId: string | null): Promise<void> {
    await manager.query(`UPDATE dasv_lead SET ended_at = $2, successor_id = $3 WHERE id = $1`, [id, at, successorId]);
  }

  /**
   * Carries the current leads of each predecessor to its successor, in one statement: a new row at
   * the successor (or the one the person already holds there in that role), and the old row ended
   * with successor_id pointing at it. A successor that has itself closed into another passes the
   * leads on to the end of the chain. Returns what moved, for the audit trail.
   */
  async carryToSuccessors(
    manager: EntityManager,
    successions: ReadonlyArray<{ predecessorId: string; successorId: string }>,
    at: Date,
  ): Promise<CarriedLead[]> {
    if (successions.length === 0) return [];
    const carried = await updateReturning<Record<string, string>>(
      manager,
      `WITH RECURSIVE chain (predecessor_id, organisation_id, depth) AS (
         SELECT s.predecessor_id, s.successor_id, 1 FROM unnest($1::uuid[], $2::uuid[]) AS s(predecessor_id, successor_id)
         UNION ALL
         SELECT c.predecessor_id, o.successor_id, c.depth + 1
         FROM chain c JOIN organisation o ON o.id = c.organisation_id
         WHERE o.successor_id IS NOT NULL AND c.depth < $4
       ),
       target AS (
         SELECT DISTINCT ON (predecessor_id) predecessor_id, organisation_id AS successor_id FROM chain ORDER BY predecessor_id, depth DESC
       ),
       moving AS (
         SELECT l.id, l.organisation_id, l.user_id, l.lead_role, t.successor_id
         FROM dasv_lead l JOIN target t ON t.predecessor_id = l.organisation_id
         WHERE l.ended_at IS NULL AND t.successor_id <> l.organisation_id
       ),
       inserted AS (
         INSERT INTO dasv_lead (organisation_id, user_id, lead_role, started_at)
         SELECT DISTINCT successor_id, user_id, lead_role, $3::timestamptz FROM moving
         ON CONFLICT (organisation_id, user_id, lead_role) WHERE ended_at IS NULL DO NOTHING
         RETURNING id, organisation_id, user_id, lead_role
       )
       UPDATE dasv_lead old
       SET ended_at = $3::timestamptz, successor_id = COALESCE(i.id, held.id)
       FROM moving m
       LEFT JOIN inserted i ON i.organisation_id = m.successor_id AND i.user_id = m.user_id AND i.lead_role = m.lead_role
       LEFT JOIN dasv_lead held ON held.organisation_id = m.successor_id AND held.user_id = m.user_id AND held.lead_role = m.lead_role AND held.ended_at IS NULL
       WHERE old.id = m.id
       RETURNING old.id AS from_lead_id, old.organisation_id AS from_organisation_id, old.successor_id AS to_lead_id,
                 m.successor_id AS to_organisation_id, old.user_id, old.lead_role`,
      [successions.map((s) => s.predecessorId), successions.map((s) => s.successorId), at, MAX_SUCCESSION_DEPTH],
    );
    return carried.map((r) => ({
      fromLeadId: r.from_lead_id,
      fromOrganisationId: r.from_organisation_id,
      toLeadId: r.to_lead_id,
      toOrganisationId: r.to_organisation_id,
      userId: r.user_id,
      leadRole: r.lead_role,
    }));
  }
}

function toPerson(r: LeadPersonRow): LeadPerson {
  return {
    leadId: r.lead_id,
    organisationId: r.organisation_id,
    userId: r.user_id,
    leadRole: r.lead_role,
    name: r.name,
    email: r.email,
    jobTitle: r.job_title,
    sourceSubmissionId: r.source_submission_id,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}
