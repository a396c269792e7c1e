import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '@dasv/database';
import { LeadRole } from './entities/nomination-nominee.entity';

export interface LeadRecord {
  leadId: string;
  organisationId: string;
  userId: string;
  leadRole: LeadRole;
  name: string;
  email: string;
  jobTitle: string | null;
  phone: string | null;
  onExecutiveTeam: boolean;
  startedAt: Date;
  endedAt: Date | null;
}

export interface LeadPlace {
  userId: string;
  leadRole: LeadRole;
}

interface LeadRow {
  lead_id: string;
  organisation_id: string;
  user_id: string;
  lead_role: LeadRole;
  name: string;
  email: string;
  job_title: string | null;
  phone: string | null;
  on_executive_team: boolean;
  started_at: Date;
  ended_at: Date | null;
}

/**
 * Writes to dasv_lead (the directory's source of truth) made by nominations and handovers. A lead
 * is ended with a date, never deleted. A person's details come from their account and, where a
 * submission named them, from what that submission said (job title, phone, executive team); never
 * from the lead's own directory profile, whose contact details only the directory's rule may show.
 */
@Injectable()
export class NominationLeadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private static readonly SELECT = `
    SELECT l.id AS lead_id, l.organisation_id, l.user_id, l.lead_role, u.name, u.email::text AS email,
           COALESCE(n.job_title, u.job_title) AS job_title, n.phone,
           COALESCE(n.on_executive_team, false) AS on_executive_team, l.started_at, l.ended_at
    FROM dasv_lead l
    JOIN app_user u ON u.id = l.user_id
    LEFT JOIN nomination_nominee n ON n.submission_id = l.source_submission_id AND n.email = u.email AND n.lead_role = l.lead_role`;

  /** The organisation's current leads: executive, senior, then operational, longest serving first. */
  async currentLeads(organisationId: string, manager?: EntityManager): Promise<LeadRecord[]> {
    const rows: LeadRow[] = await (manager ?? this.dataSource.manager).query(
      `${NominationLeadsRepository.SELECT}
       WHERE l.organisation_id = $1 AND l.ended_at IS NULL
       ORDER BY CASE l.lead_role WHEN 'EXECUTIVE' THEN 0 WHEN 'SENIOR' THEN 1 ELSE 2 END, l.started_at, u.name`,
      [organisationId],
    );
    return rows.map(toRecord);
  }

  async lockLead(manager: EntityManager, id: string): Promise<LeadRecord | null> {
    await manager.query(`SELECT 1 FROM dasv_lead WHERE id = $1 FOR UPDATE`, [id]);
    const rows: LeadRow[] = await manager.query(`${NominationLeadsRepository.SELECT} WHERE l.id = $1`, [id]);
    return rows.length ? toRecord(rows[0]) : null;
  }

  async findLead(id: string, manager?: EntityManager): Promise<LeadRecord | null> {
    const rows: LeadRow[] = await (manager ?? this.dataSource.manager).query(`${NominationLeadsRepository.SELECT} WHERE l.id = $1`, [id]);
    return rows.length ? toRecord(rows[0]) : null;
  }

  /** Ends the organisation's current leads whose (person, role) is not among `keep`; returns them. */
  async endLeadsNotIn(manager: EntityManager, organisationId: string, keep: readonly LeadPlace[], at: Date): Promise<Array<LeadPlace & { leadId: string }>> {
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
  async startLeads(manager: EntityManager, organisationId: string, places: readonly LeadPlace[], sourceSubmissionId: string | null, at: Date): Promise<Array<LeadPlace & { leadId: string }>> {
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

  async currentLeadId(manager: EntityManager, organisationId: string, place: LeadPlace): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM dasv_lead WHERE organisation_id = $1 AND user_id = $2 AND lead_role = $3 AND ended_at IS NULL`, [organisationId, place.userId, place.leadRole]);
    return rows[0]?.id ?? null;
  }

  async endLead(manager: EntityManager, id: string, at: Date, successorId: string | null): Promise<void> {
    await manager.query(`UPDATE dasv_lead SET ended_at = $2, successor_id = $3 WHERE id = $1`, [id, at, successorId]);
  }

  /**
   * Starts a directory profile with the telephone number the organisation gave, for people who have
   * none yet; a profile the lead has already written is theirs and is left alone.
   */
  async seedProfiles(manager: EntityManager, people: ReadonlyArray<{ userId: string; phone: string | null }>, at: Date): Promise<void> {
    const withPhone = people.filter((p) => p.phone);
    if (withPhone.length === 0) return;
    await manager.query(
      `INSERT INTO lead_profile (user_id, phone, updated_at) SELECT p.user_id, p.phone, $3 FROM unnest($1::uuid[], $2::text[]) AS p(user_id, phone)
       ON CONFLICT (user_id) DO NOTHING`,
      [withPhone.map((p) => p.userId), withPhone.map((p) => p.phone), at],
    );
  }

  /** Of these people, those with no current lead left at the organisation. */
  async withoutCurrentLead(manager: EntityManager, organisationId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: Array<{ user_id: string }> = await manager.query(
      `SELECT DISTINCT u AS user_id FROM unnest($2::uuid[]) AS u
       WHERE NOT EXISTS (SELECT 1 FROM dasv_lead l WHERE l.organisation_id = $1 AND l.user_id = u AND l.ended_at IS NULL)`,
      [organisationId, userIds],
    );
    return rows.map((r) => r.user_id);
  }
}

function toRecord(r: LeadRow): LeadRecord {
  return {
    leadId: r.lead_id,
    organisationId: r.organisation_id,
    userId: r.user_id,
    leadRole: r.lead_role,
    name: r.name,
    email: r.email,
    jobTitle: r.job_title,
    phone: r.phone,
    onExecutiveTeam: r.on_executive_team,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}
