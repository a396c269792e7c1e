import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '@dasv/database';
import { LeadRole } from '@dasv/leads';
import { LeadAppointment, LeadAppointmentStatus } from './dto/lead-appointment.type';

export interface NewLeadAppointment {
  userId: string;
  leadRole: LeadRole;
  name: string;
  jobTitle: string;
  email: string;
  phone: string | null;
}

export interface AppointmentSource {
  organisationId: string;
  sourceSubmissionId: string | null;
  replacesLeadId: string | null;
  namedById: string | null;
  namedByName: string;
  namedAt: Date;
  expiresAt: Date;
}

const AWAITING = LeadAppointmentStatus.AWAITING_CONFIRMATION;

/**
 * lead_appointment: people asked to agree to be an organisation's lead. A waiting row past its
 * expiry reads as EXPIRED wherever it is read (`$now` is the injected clock), whether or not
 * anything has written that down yet.
 */
@Injectable()
export class LeadAppointmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private static columns(nowParam: string): string {
    return `a.id, a.organisation_id, a.user_id, a.lead_role, a.name, a.job_title, a.email::text AS email, a.phone,
            a.named_by_id, a.named_by_name, a.named_at, a.expires_at, a.responded_at, a.replaces_lead_id, a.source_submission_id, a.lead_id,
            CASE WHEN a.status = '${AWAITING}' AND a.expires_at <= ${nowParam} THEN '${LeadAppointmentStatus.EXPIRED}' ELSE a.status END AS status`;
  }

  /**
   * Of these people, those the organisation may name without asking, current leads aside (the
   * leads library answers for those): an active, set-up account (with a password) at the
   * organisation or beneath it, of someone never asked before without agreeing. The last part
   * matters because a naming creates the account of an address new to the platform at the naming
   * organisation: once asked, such a person is asked again, whatever their account says, until
   * they have agreed.
   */
  async findAppointableAccounts(manager: EntityManager, organisationId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT u.id FROM app_user u
       WHERE u.id = ANY($2::uuid[])
         AND u.is_active AND u.password_hash IS NOT NULL
         AND EXISTS (SELECT 1 FROM organisation_ancestor a WHERE a.ancestor_id = $1 AND a.descendant_id = u.organisation_id)
         AND NOT EXISTS (SELECT 1 FROM lead_appointment d WHERE d.user_id = u.id AND d.status <> $3)`,
      [organisationId, userIds, LeadAppointmentStatus.AGREED],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Writes EXPIRED on the organisation's waiting rows that have run out, so they no longer hold a place. */
  async expireLapsed(manager: EntityManager, organisationId: string, now: Date): Promise<void> {
    await manager.query(`UPDATE lead_appointment SET status = $3 WHERE organisation_id = $1 AND status = $4 AND expires_at <= $2`, [
      organisationId,
      now,
      LeadAppointmentStatus.EXPIRED,
      AWAITING,
    ]);
  }

  /** The organisation's waiting rows not among `keep` (person and role) become WITHDRAWN; returns their ids. */
  async withdrawAllBut(
    manager: EntityManager,
    organisationId: string,
    keep: ReadonlyArray<{ userId: string; leadRole: LeadRole }>,
    now: Date,
  ): Promise<string[]> {
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE lead_appointment a SET status = $5, responded_at = $2
       WHERE a.organisation_id = $1 AND a.status = $6
         AND NOT EXISTS (SELECT 1 FROM unnest($3::uuid[], $4::text[]) AS k(user_id, lead_role) WHERE k.user_id = a.user_id AND k.lead_role = a.lead_role)
       RETURNING a.id`,
      [organisationId, now, keep.map((k) => k.userId), keep.map((k) => k.leadRole), LeadAppointmentStatus.WITHDRAWN, AWAITING],
    );
    return rows.map((r) => r.id);
  }

  /** Waiting handovers of this lead's place, except to `exceptUserId`, become WITHDRAWN. */
  async withdrawHandoversOf(manager: EntityManager, leadIds: readonly string[], now: Date, exceptUserId: string | null = null): Promise<string[]> {
    if (leadIds.length === 0) return [];
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE lead_appointment SET status = $3, responded_at = $2
       WHERE replaces_lead_id = ANY($1::uuid[]) AND status = $4 AND user_id IS DISTINCT FROM $5
       RETURNING id`,
      [leadIds, now, LeadAppointmentStatus.WITHDRAWN, AWAITING, exceptUserId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Asks each person, or, for someone already waiting to answer for that role, points the waiting
   * row at this naming (keeping the link they were sent and its expiry). Returns every row, `isNew`
   * for those that need an e-mail.
   */
  async ask(
    manager: EntityManager,
    source: AppointmentSource,
    people: readonly NewLeadAppointment[],
  ): Promise<Array<{ id: string; userId: string; leadRole: LeadRole; isNew: boolean }>> {
    if (people.length === 0) return [];
    const rows: Array<{ id: string; user_id: string; lead_role: LeadRole; is_new: boolean }> = await manager.query(
      `INSERT INTO lead_appointment (organisation_id, user_id, lead_role, name, job_title, email, phone, source_submission_id, replaces_lead_id, named_by_id, named_by_name, named_at, expires_at)
       SELECT $1, p.user_id, p.lead_role, p.name, p.job_title, p.email, p.phone, $8, $9, $10, $11, $12, $13
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::citext[], $7::text[]) AS p(user_id, lead_role, name, job_title, email, phone)
       ON CONFLICT (organisation_id, user_id, lead_role) WHERE status = '${AWAITING}'
       DO UPDATE SET name = EXCLUDED.name, job_title = EXCLUDED.job_title, phone = EXCLUDED.phone,
                     source_submission_id = EXCLUDED.source_submission_id, replaces_lead_id = EXCLUDED.replaces_lead_id
       RETURNING id, user_id, lead_role, (xmax = 0) AS is_new`,
      [
        source.organisationId,
        people.map((p) => p.userId),
        people.map((p) => p.leadRole),
        people.map((p) => p.name),
        people.map((p) => p.jobTitle),
        people.map((p) => p.email),
        people.map((p) => p.phone),
        source.sourceSubmissionId,
        source.replacesLeadId,
        source.namedById,
        source.namedByName,
        source.namedAt,
        source.expiresAt,
      ],
    );
    return rows.map((r) => ({ id: r.id, userId: r.user_id, leadRole: r.lead_role, isNew: r.is_new }));
  }

  async lock(manager: EntityManager, id: string, now: Date): Promise<LeadAppointment | null> {
    await manager.query(`SELECT 1 FROM lead_appointment WHERE id = $1 FOR UPDATE`, [id]);
    return this.findById(id, now, manager);
  }

  async findById(id: string, now: Date, manager?: EntityManager): Promise<LeadAppointment | null> {
    const rows: AppointmentRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${LeadAppointmentsRepository.columns('$2')} FROM lead_appointment a WHERE a.id = $1`,
      [id, now],
    );
    return rows.length ? toAppointment(rows[0]) : null;
  }

  async findByIds(ids: readonly string[], now: Date, manager: EntityManager): Promise<LeadAppointment[]> {
    if (ids.length === 0) return [];
    const rows: AppointmentRow[] = await manager.query(
      `SELECT ${LeadAppointmentsRepository.columns('$2')} FROM lead_appointment a WHERE a.id = ANY($1::uuid[]) ORDER BY a.named_at, a.id`,
      [ids, now],
    );
    return rows.map(toAppointment);
  }

  /** The person's questions still waiting for an answer, oldest first. */
  async awaitingFor(userId: string, now: Date): Promise<LeadAppointment[]> {
    const rows: AppointmentRow[] = await this.dataSource.query(
      `SELECT ${LeadAppointmentsRepository.columns('$2')} FROM lead_appointment a
       WHERE a.user_id = $1 AND a.status = '${AWAITING}' AND a.expires_at > $2 ORDER BY a.named_at, a.id`,
      [userId, now],
    );
    return rows.map(toAppointment);
  }

  /** The organisation's namings since `since`, and any still waiting, newest first; withdrawn ones left out. */
  async recentFor(organisationId: string, since: Date, now: Date, limit: number): Promise<LeadAppointment[]> {
    const rows: AppointmentRow[] = await this.dataSource.query(
      `SELECT ${LeadAppointmentsRepository.columns('$3')} FROM lead_appointment a
       WHERE a.organisation_id = $1 AND a.status <> $4 AND (a.named_at >= $2 OR a.status = '${AWAITING}')
       ORDER BY a.named_at DESC, a.id LIMIT $5`,
      [organisationId, since, now, LeadAppointmentStatus.WITHDRAWN, limit],
    );
    return rows.map(toAppointment);
  }

  async answer(manager: EntityManager, id: string, answer: { status: LeadAppointmentStatus; at: Date; leadId: string | null }): Promise<void> {
    await manager.query(`UPDATE lead_appointment SET status = $2, responded_at = $3, lead_id = $4 WHERE id = $1`, [
      id,
      answer.status,
      answer.at,
      answer.leadId,
    ]);
  }
}

interface AppointmentRow {
  id: string;
  organisation_id: string;
  user_id: string;
  lead_role: LeadRole;
  name: string;
  job_title: string;
  email: string;
  phone: string | null;
  named_by_id: string | null;
  named_by_name: string;
  named_at: Date;
  expires_at: Date;
  responded_at: Date | null;
  replaces_lead_id: string | null;
  source_submission_id: string | null;
  lead_id: string | null;
  status: LeadAppointmentStatus;
}

function toAppointment(r: AppointmentRow): LeadAppointment {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    userId: r.user_id,
    leadRole: r.lead_role,
    name: r.name,
    jobTitle: r.job_title,
    email: r.email,
    phone: r.phone,
    namedBy: r.named_by_name,
    namedById: r.named_by_id,
    namedAt: r.named_at,
    expiresAt: r.expires_at,
    status: r.status,
    respondedAt: r.responded_at,
    isHandover: r.replaces_lead_id !== null,
    replacesLeadId: r.replaces_lead_id,
    sourceSubmissionId: r.source_submission_id,
    leadId: r.lead_id,
  };
}
