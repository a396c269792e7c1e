import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '@dasv/database';
import { LeadRole } from '@dasv/leads';
import { NominationRequest } from './entities/nomination-request.entity';
import { NominationSubmission, SubmissionStatus } from './entities/nomination-submission.entity';
import { NominationNominee } from './entities/nomination-nominee.entity';

export interface NewNominee {
  leadRole: LeadRole;
  name: string;
  jobTitle: string;
  email: string;
  phone: string | null;
  onExecutiveTeam: boolean;
}

/** Which lead a submission named: the submission, the person's address and the role. */
export interface NominationOfLead {
  submissionId: string;
  email: string;
  leadRole: LeadRole;
}

/** What a submission said about a lead it named. */
export interface NomineeDetails extends NominationOfLead {
  jobTitle: string;
  phone: string | null;
  onExecutiveTeam: boolean;
}

export interface NewSubmission {
  returnId: string;
  organisationId: string;
  submittedById: string;
  submittedAt: Date;
  isLate: boolean;
  status: SubmissionStatus;
  /** Set for a submission accepted without anyone deciding (the return needs no approval). */
  decidedAt: Date | null;
}

/** nomination_request's answer columns, nomination_submission and nomination_nominee. */
@Injectable()
export class NominationSubmissionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The request, locked: two submissions from one organisation take versions one after the other. */
  async lockRequest(manager: EntityManager, returnId: string, organisationId: string): Promise<NominationRequest | null> {
    return manager
      .getRepository(NominationRequest)
      .createQueryBuilder('q')
      .setLock('pessimistic_write')
      .where('q.return_id = :returnId AND q.organisation_id = :organisationId', { returnId, organisationId })
      .getOne();
  }

  findRequest(returnId: string, organisationId: string): Promise<NominationRequest | null> {
    return this.dataSource.getRepository(NominationRequest).findOne({ where: { returnId, organisationId } });
  }

  /** Writes the next version with its nominees and makes it the request's current submission. */
  async insertVersion(manager: EntityManager, submission: NewSubmission, nominees: readonly NewNominee[]): Promise<NominationSubmission> {
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO nomination_submission (return_id, organisation_id, version, submitted_by_id, submitted_at, is_late, status, decided_at)
       SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4, $5, $6, $7
       FROM nomination_submission WHERE return_id = $1 AND organisation_id = $2
       RETURNING id`,
      [
        submission.returnId,
        submission.organisationId,
        submission.submittedById,
        submission.submittedAt,
        submission.isLate,
        submission.status,
        submission.decidedAt,
      ],
    );
    await manager.query(
      `INSERT INTO nomination_nominee (submission_id, lead_role, name, job_title, email, phone, on_executive_team)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::citext[], $6::text[], $7::boolean[])`,
      [
        row.id,
        nominees.map((n) => n.leadRole),
        nominees.map((n) => n.name),
        nominees.map((n) => n.jobTitle),
        nominees.map((n) => n.email),
        nominees.map((n) => n.phone),
        nominees.map((n) => n.onExecutiveTeam),
      ],
    );
    // responded_at and is_late record the first answer only: that is what stops chasing and what
    // the dashboard calls late; amendments after the deadline do not make an on-time answer late.
    await manager.query(
      `UPDATE nomination_request
       SET current_submission_id = $3,
           is_late = CASE WHEN responded_at IS NULL THEN $5 ELSE is_late END,
           responded_at = COALESCE(responded_at, $4)
       WHERE return_id = $1 AND organisation_id = $2`,
      [submission.returnId, submission.organisationId, row.id, submission.submittedAt, submission.isLate],
    );
    return manager.getRepository(NominationSubmission).findOneByOrFail({ id: row.id });
  }

  /** Earlier versions in one of `from` become SUPERSEDED; returns their ids. */
  async supersede(manager: EntityManager, returnId: string, organisationId: string, exceptId: string, from: readonly SubmissionStatus[]): Promise<string[]> {
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE nomination_submission SET status = $4
       WHERE return_id = $1 AND organisation_id = $2 AND id <> $3 AND status = ANY($5::text[])
       RETURNING id`,
      [returnId, organisationId, exceptId, SubmissionStatus.SUPERSEDED, from],
    );
    return rows.map((r) => r.id);
  }

  async decide(
    manager: EntityManager,
    id: string,
    decision: { status: SubmissionStatus; decidedById: string | null; decidedAt: Date; reason?: string | null },
  ): Promise<NominationSubmission> {
    await manager.query(`UPDATE nomination_submission SET status = $2, decided_by_id = $3, decided_at = $4, decision_reason = $5 WHERE id = $1`, [
      id,
      decision.status,
      decision.decidedById,
      decision.decidedAt,
      decision.reason ?? null,
    ]);
    return manager.getRepository(NominationSubmission).findOneByOrFail({ id });
  }

  /**
   * A return opened after `returnId` whose accepted submission already named the organisation's
   * leads: accepting an older return's answer now would put back the leads it replaced.
   */
  async findNewerAcceptance(manager: EntityManager | undefined, returnId: string, organisationId: string): Promise<{ returnId: string; title: string } | null> {
    const [row]: Array<{ return_id: string; title: string }> = await (manager ?? this.dataSource.manager).query(
      `SELECT newer.id AS return_id, newer.title
       FROM nomination_return older
       JOIN nomination_return newer ON newer.opened_at > older.opened_at
       WHERE older.id = $1
         AND EXISTS (SELECT 1 FROM nomination_submission s WHERE s.return_id = newer.id AND s.organisation_id = $2 AND s.status = $3)
       ORDER BY newer.opened_at DESC
       LIMIT 1`,
      [returnId, organisationId, SubmissionStatus.ACCEPTED],
    );
    return row ? { returnId: row.return_id, title: row.title } : null;
  }

  /** The organisation's version most recently accepted in any return, other than `exceptId`, with that return's title. */
  async findLatestAccepted(organisationId: string, exceptId: string | null): Promise<{ submission: NominationSubmission; returnTitle: string } | null> {
    const [row]: Array<{ id: string; title: string }> = await this.dataSource.query(
      `SELECT s.id, r.title
       FROM nomination_submission s JOIN nomination_return r ON r.id = s.return_id
       WHERE s.organisation_id = $1 AND s.id IS DISTINCT FROM $2::uuid AND s.status = $3
       ORDER BY s.decided_at DESC NULLS LAST, s.submitted_at DESC
       LIMIT 1`,
      [organisationId, exceptId, SubmissionStatus.ACCEPTED],
    );
    if (!row) return null;
    const submission = await this.findSubmission(row.id);
    return submission ? { submission, returnTitle: row.title } : null;
  }

  async lockSubmission(manager: EntityManager, id: string): Promise<NominationSubmission | null> {
    return manager.getRepository(NominationSubmission).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id }).getOne();
  }

  findSubmission(id: string, manager?: EntityManager): Promise<NominationSubmission | null> {
    return (manager ?? this.dataSource.manager).getRepository(NominationSubmission).findOne({ where: { id } });
  }

  /** Every version for each (return, organisation) pair, newest first. */
  async findByRequests(keys: ReadonlyArray<{ returnId: string; organisationId: string }>): Promise<NominationSubmission[]> {
    if (keys.length === 0) return [];
    return this.dataSource
      .getRepository(NominationSubmission)
      .createQueryBuilder('s')
      .where('(s.return_id, s.organisation_id) IN (SELECT * FROM unnest(CAST(:returnIds AS uuid[]), CAST(:organisationIds AS uuid[])))', {
        returnIds: keys.map((k) => k.returnId),
        organisationIds: keys.map((k) => k.organisationId),
      })
      .orderBy('s.version', 'DESC')
      .getMany();
  }

  /** Nominees of each submission, executive (or senior) lead first, then operational leads by name. */
  async findNominees(submissionIds: readonly string[], manager?: EntityManager): Promise<NominationNominee[]> {
    if (submissionIds.length === 0) return [];
    return (manager ?? this.dataSource.manager)
      .getRepository(NominationNominee)
      .createQueryBuilder('n')
      .where('n.submission_id = ANY(:submissionIds)', { submissionIds })
      .orderBy(`CASE n.lead_role WHEN 'EXECUTIVE' THEN 0 WHEN 'SENIOR' THEN 1 ELSE 2 END`)
      .addOrderBy('n.name')
      .getMany();
  }

  /**
   * What each submission said about the lead it named, matched as a nominee is: by address (without
   * regard to case, as citext compares) and role. `email` comes back as given, to match on.
   */
  async findNomineesNaming(leads: readonly NominationOfLead[], manager?: EntityManager): Promise<NomineeDetails[]> {
    if (leads.length === 0) return [];
    const rows: Array<{ submission_id: string; email: string; lead_role: LeadRole; job_title: string; phone: string | null; on_executive_team: boolean }> =
      await (manager ?? this.dataSource.manager).query(
        `SELECT k.submission_id, k.email, k.lead_role, n.job_title, n.phone, n.on_executive_team
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(submission_id, email, lead_role)
       JOIN nomination_nominee n ON n.submission_id = k.submission_id AND n.email = k.email::citext AND n.lead_role = k.lead_role`,
        [leads.map((l) => l.submissionId), leads.map((l) => l.email), leads.map((l) => l.leadRole)],
      );
    return rows.map((r) => ({
      submissionId: r.submission_id,
      email: r.email,
      leadRole: r.lead_role,
      jobTitle: r.job_title,
      phone: r.phone,
      onExecutiveTeam: r.on_executive_team,
    }));
  }
}
