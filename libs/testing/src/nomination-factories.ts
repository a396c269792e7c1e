import { Role } from '@dasv/auth';
import { OrganisationType } from '@dasv/organisations';
import { Db, newUser, nextSequence, seededOrganisation, TestUser } from './factories';

// Plain strings rather than the features' enums: these factories write tables, whichever library
// owns the enum this month.
export type TestLeadRole = 'EXECUTIVE' | 'OPERATIONAL' | 'SENIOR';
export type TestSubmissionStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

// --- Nomination returns --------------------------------------------------------------------------

export interface ReturnSpec {
  deadline: Date;
  /** Default: six weeks before the deadline. */
  openedAt?: Date;
  title?: string;
  /** The organisation whose subtree is asked; default NHS England (X24), i.e. everyone. */
  scopeOdsCode?: string;
  organisationTypes?: OrganisationType[];
  reminderOffsetsDays?: number[];
  overdueEveryWorkingDays?: number;
  escalateAfterWorkingDays?: number;
  requiresApproval?: boolean;
  status?: 'OPEN' | 'CLOSED';
  /** The organisations asked, by ODS code; default every open one of the types in the scope, as opening a return asks. */
  asked?: string[];
  createdById?: string | null;
}

export interface TestReturn {
  id: string;
  title: string;
  deadline: Date;
  openedAt: Date;
  scopeRootId: string;
  organisationTypes: OrganisationType[];
  requiresApproval: boolean;
  status: 'OPEN' | 'CLOSED';
  /** The organisations asked (one nomination_request each), by ODS code. */
  asked: Array<{ organisationId: string; odsCode: string }>;
}

/** A nomination return and its requests, as opening one leaves them (without the opening e-mails). */
export async function newReturn(db: Db, spec: ReturnSpec): Promise<TestReturn> {
  const scope = await seededOrganisation(db, spec.scopeOdsCode ?? 'X24');
  const types = spec.organisationTypes ?? [OrganisationType.TRUST];
  const openedAt = spec.openedAt ?? new Date(spec.deadline.getTime() - 6 * WEEK_MS);
  const status = spec.status ?? 'OPEN';
  const [row] = await db.query(
    `INSERT INTO nomination_return (title, organisation_types, scope_root_id, deadline, reminder_offsets_days, overdue_every_working_days,
                                    escalate_after_working_days, requires_approval, status, opened_at, closed_at, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     RETURNING id, title`,
    [
      spec.title ?? `Nomination return ${nextSequence()}`,
      types,
      scope.id,
      spec.deadline,
      spec.reminderOffsetsDays ?? [14, 7, 2],
      spec.overdueEveryWorkingDays ?? 5,
      spec.escalateAfterWorkingDays ?? 10,
      spec.requiresApproval ?? false,
      status,
      openedAt,
      status === 'CLOSED' ? spec.deadline : null,
      spec.createdById ?? null,
    ],
  );
  const asked: Array<{ organisationId: string; odsCode: string }> = await db.query(
    `WITH asked AS (
       INSERT INTO nomination_request (return_id, organisation_id)
       SELECT $1, o.id
       FROM organisation_ancestor a JOIN organisation o ON o.id = a.descendant_id
       WHERE a.ancestor_id = $2 AND ($4::text[] IS NOT NULL OR (o.is_active AND o.type = ANY($3::text[])))
         AND ($4::text[] IS NULL OR o.ods_code = ANY($4::text[]))
       RETURNING organisation_id
     )
     SELECT o.id AS "organisationId", o.ods_code AS "odsCode" FROM asked JOIN organisation o ON o.id = asked.organisation_id ORDER BY o.ods_code`,
    [row.id, scope.id, types, spec.asked ?? null],
  );
  if (spec.asked && asked.length !== new Set(spec.asked).size)
    throw new Error(`factory: not every organisation asked (${spec.asked.join(', ')}) is in ${scope.odsCode}'s subtree`);
  return {
    id: row.id,
    title: row.title,
    deadline: spec.deadline,
    openedAt,
    scopeRootId: scope.id,
    organisationTypes: types,
    requiresApproval: spec.requiresApproval ?? false,
    status,
    asked,
  };
}

export interface NomineeSpec {
  leadRole: TestLeadRole;
  name?: string;
  jobTitle?: string;
  email?: string;
  phone?: string | null;
  onExecutiveTeam?: boolean;
}

export interface SubmissionSpec {
  returnId: string;
  odsCode: string;
  submittedAt: Date;
  submittedById?: string | null;
  /** Default: PENDING when the return requires approval, else ACCEPTED. */
  status?: TestSubmissionStatus;
  /** Default: one executive lead on the executive team. */
  nominees?: NomineeSpec[];
}

export interface TestSubmission {
  id: string;
  version: number;
  isLate: boolean;
  status: TestSubmissionStatus;
}

/**
 * An organisation's answer to a return, as submitting leaves the tables: the next version with its
 * nominees, earlier undecided or accepted versions superseded, and the request marked answered (its
 * first answer only). It appoints nobody: newLead writes the leads a test needs.
 */
export async function newSubmission(db: Db, spec: SubmissionSpec): Promise<TestSubmission> {
  const organisation = await seededOrganisation(db, spec.odsCode);
  const [nominationReturn] = await db.query(`SELECT deadline, requires_approval FROM nomination_return WHERE id = $1`, [spec.returnId]);
  if (!nominationReturn) throw new Error(`factory: no nomination return ${spec.returnId}`);
  const status = spec.status ?? (nominationReturn.requires_approval ? 'PENDING' : 'ACCEPTED');
  const isLate = spec.submittedAt.getTime() > nominationReturn.deadline.getTime();
  const [row] = await db.query(
    `INSERT INTO nomination_submission (return_id, organisation_id, version, submitted_by_id, submitted_at, is_late, status, decided_at)
     SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4, $5, $6, CASE WHEN $6 = 'PENDING' THEN NULL ELSE $4::timestamptz END
     FROM nomination_submission WHERE return_id = $1 AND organisation_id = $2
     RETURNING id, version`,
    [spec.returnId, organisation.id, spec.submittedById ?? null, spec.submittedAt, isLate, status],
  );
  const nominees = spec.nominees ?? [{ leadRole: 'EXECUTIVE', onExecutiveTeam: true }];
  await db.query(
    `INSERT INTO nomination_nominee (submission_id, lead_role, name, job_title, email, phone, on_executive_team)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::citext[], $6::text[], $7::boolean[])`,
    [
      row.id,
      nominees.map((n) => n.leadRole),
      nominees.map((n) => n.name ?? `Nominee ${nextSequence()}`),
      nominees.map((n) => n.jobTitle ?? 'Safeguarding Lead'),
      nominees.map((n) => n.email ?? `nominee${nextSequence()}.${process.pid}@nhs.net`),
      nominees.map((n) => n.phone ?? null),
      nominees.map((n) => n.onExecutiveTeam ?? false),
    ],
  );
  await db.query(
    `UPDATE nomination_submission SET status = 'SUPERSEDED'
     WHERE return_id = $1 AND organisation_id = $2 AND id <> $3 AND status = ANY($4::text[])`,
    [spec.returnId, organisation.id, row.id, status === 'PENDING' ? ['PENDING'] : ['PENDING', 'ACCEPTED']],
  );
  await db.query(
    `UPDATE nomination_request
     SET current_submission_id = $3, is_late = CASE WHEN responded_at IS NULL THEN $5 ELSE is_late END, responded_at = COALESCE(responded_at, $4)
     WHERE return_id = $1 AND organisation_id = $2`,
    [spec.returnId, organisation.id, row.id, spec.submittedAt, isLate],
  );
  return { id: row.id, version: row.version, isLate, status };
}

// --- DASV leads ----------------------------------------------------------------------------------

export interface NewLeadSpec {
  /** Where they are a lead. */
  odsCode: string;
  leadRole?: TestLeadRole;
  /** An existing account; default a new one at the organisation with the DASV_LEAD role. */
  user?: { id: string };
  /** For the new account. */
  name?: string;
  email?: string;
  jobTitle?: string;
  startedAt?: Date;
  endedAt?: Date | null;
  successorId?: string | null;
  sourceSubmissionId?: string | null;
  /** A saved directory profile. */
  profile?: { phone?: string | null; bio?: string; areasOfInterest?: string[]; showEmail?: boolean; showPhone?: boolean };
}

export interface LeadRecord {
  /** The dasv_lead row. */
  id: string;
  userId: string;
  organisationId: string;
  leadRole: TestLeadRole;
  startedAt: Date;
  endedAt: Date | null;
  /** The account made for them, when the spec named none. */
  user: TestUser | null;
}

/** A DASV lead of an organisation (a dasv_lead row), current unless `endedAt` is given. */
export async function newLead(db: Db, spec: NewLeadSpec): Promise<LeadRecord> {
  const organisation = await seededOrganisation(db, spec.odsCode);
  const user = spec.user
    ? null
    : await newUser(db, { odsCode: spec.odsCode, name: spec.name, email: spec.email, jobTitle: spec.jobTitle ?? null, roles: [{ role: Role.DASV_LEAD }] });
  const userId = spec.user?.id ?? user!.id;
  const leadRole = spec.leadRole ?? 'EXECUTIVE';
  const startedAt = spec.startedAt ?? new Date('2025-04-01T09:00:00Z');
  const [row] = await db.query(
    `INSERT INTO dasv_lead (organisation_id, user_id, lead_role, started_at, ended_at, successor_id, source_submission_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [organisation.id, userId, leadRole, startedAt, spec.endedAt ?? null, spec.successorId ?? null, spec.sourceSubmissionId ?? null],
  );
  if (spec.profile) {
    const p = spec.profile;
    await db.query(
      `INSERT INTO lead_profile (user_id, phone, bio, areas_of_interest, show_email, show_phone) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id) DO UPDATE SET phone = EXCLUDED.phone, bio = EXCLUDED.bio, areas_of_interest = EXCLUDED.areas_of_interest,
         show_email = EXCLUDED.show_email, show_phone = EXCLUDED.show_phone`,
      [userId, p.phone ?? null, p.bio ?? '', p.areasOfInterest ?? [], p.showEmail ?? true, p.showPhone ?? false],
    );
  }
  return { id: row.id, userId, organisationId: organisation.id, leadRole, startedAt, endedAt: spec.endedAt ?? null, user };
}

// --- Chasing -------------------------------------------------------------------------------------

/** An agreed extension: no chase for the organisation in the campaign (a chase_log.campaign key) until `until`. */
export async function newChasePause(
  db: Db,
  spec: { campaign: string; odsCode: string; until: Date; reason?: string; createdById?: string | null },
): Promise<{ id: string }> {
  const organisation = await seededOrganisation(db, spec.odsCode);
  const [row] = await db.query(`INSERT INTO chase_pause (campaign, organisation_id, until, reason, created_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
    spec.campaign,
    organisation.id,
    spec.until,
    spec.reason ?? 'Agreed extension',
    spec.createdById ?? null,
  ]);
  return { id: row.id };
}
