import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inViewerScope, positionalParameters, Viewer } from '@dasv/auth';
import { OrganisationContactsService } from '@dasv/users';
import { LeadRole } from '@dasv/leads';
import { SubmissionStatus } from './entities/nomination-submission.entity';
import { NominationCounts, NominationRequestStatus, NominationResponseStatus } from './dto/nomination-request-status.type';

/** Which requests a reader sees: one return, their scope, optionally one subtree. */
export interface RequestFilter {
  returnId: string;
  /** Whose NominationRead scope the organisations asked lie in. */
  viewer: Viewer;
  /** Only organisations at or below this one. */
  withinId?: string;
}

export interface GroupCountsRow extends NominationCounts {
  level: 'TOTAL' | 'REGION' | 'ICB';
  organisationId: string | null;
  parentId: string | null;
}

export interface StatusExportRow {
  regionName: string | null;
  icbName: string | null;
  odsCode: string;
  organisationName: string;
  organisationType: string;
  status: NominationResponseStatus;
  respondedAt: Date | null;
  currentVersion: number | null;
  currentStatus: SubmissionStatus | null;
}

export interface LeadExportRow {
  regionName: string | null;
  icbName: string | null;
  odsCode: string;
  organisationName: string;
  version: number;
  submissionStatus: SubmissionStatus;
  submittedAt: Date;
  isLate: boolean;
  leadRole: LeadRole;
  name: string;
  jobTitle: string;
  email: string;
  phone: string | null;
  onExecutiveTeam: boolean;
}

export interface OrganisationReturnStatusRow {
  returnId: string;
  title: string;
  deadline: Date;
  isOpen: boolean;
  respondedAt: Date | null;
  status: NominationResponseStatus;
}

/**
 * The reading side of a return: counts, the per-organisation list and the exports, each one
 * statement over nomination_request with the reader's scope and status worked out in SQL.
 */
@Injectable()
export class NominationDashboardRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: OrganisationContactsService,
  ) {}

  /**
   * Totals, then per region and per ICB, in one GROUP BY over the requests joined to their region
   * and ICB through the closure table.
   */
  async groupCounts(filter: RequestFilter): Promise<GroupCountsRow[]> {
    const { where, params } = this.conditions(filter);
    const rows: Array<{ g_region: number; g_icb: number; region_id: string | null; icb_id: string | null } & NominationCounts> = await this.dataSource.query(
      `SELECT GROUPING(ra.ancestor_id) AS g_region, GROUPING(ia.ancestor_id) AS g_icb, ra.ancestor_id AS region_id, ia.ancestor_id AS icb_id,
              ${this.countColumns()}
       FROM nomination_request r
       JOIN organisation o ON o.id = r.organisation_id
       ${this.regionAndIcbJoins()}
       WHERE ${where}
       GROUP BY GROUPING SETS ((), (ra.ancestor_id), (ra.ancestor_id, ia.ancestor_id))`,
      params,
    );
    return rows
      .filter((r) => !(r.g_region === 0 && r.g_icb === 0 && r.icb_id === null) && !(r.g_region === 0 && r.g_icb === 1 && r.region_id === null))
      .map((r) => ({
        level: r.g_region === 1 ? 'TOTAL' : r.g_icb === 1 ? 'REGION' : 'ICB',
        organisationId: r.g_region === 1 ? null : r.g_icb === 1 ? r.region_id : r.icb_id,
        parentId: r.g_region === 0 && r.g_icb === 0 ? r.region_id : null,
        total: r.total,
        responded: r.responded,
        late: r.late,
        awaitingReview: r.awaitingReview,
        outstanding: r.outstanding,
        unreachable: r.unreachable,
      }));
  }

  /** Counts per return for several returns at once (the list of returns). */
  async countsByReturn(returnIds: readonly string[], viewer: Viewer): Promise<Map<string, NominationCounts>> {
    const params: unknown[] = [returnIds];
    const rows: Array<{ return_id: string } & NominationCounts> = await this.dataSource.query(
      `SELECT r.return_id, ${this.countColumns()}
       FROM nomination_request r JOIN organisation o ON o.id = r.organisation_id
       WHERE r.return_id = ANY($1::uuid[]) AND ${inViewerScope(viewer, 'r.organisation_id', positionalParameters(params))}
       GROUP BY r.return_id`,
      params,
    );
    return new Map(rows.map(({ return_id, ...counts }) => [return_id, counts]));
  }

  /** A page of requests ordered by organisation name, with each one's status. */
  async list(
    filter: RequestFilter & { status?: NominationResponseStatus; first: number; after?: { sortKey: string; id: string } },
  ): Promise<{ rows: NominationRequestStatus[]; totalCount: number }> {
    const { where, params } = this.conditions(filter);
    params.push(filter.status ?? null);
    const base = `
      WITH base AS (
        SELECT r.return_id, r.organisation_id, r.responded_at, r.is_late, r.current_submission_id, o.name, ${this.statusColumn()} AS status
        FROM nomination_request r JOIN organisation o ON o.id = r.organisation_id
        WHERE ${where}
      )`;
    const statusFilter = `($${params.length}::text IS NULL OR status = $${params.length})`;
    const [{ n }] = await this.dataSource.query<Array<{ n: number }>>(`${base} SELECT count(*)::int AS n FROM base WHERE ${statusFilter}`, params);
    const pageParams = [...params, filter.after?.sortKey ?? null, filter.after?.id ?? null, filter.first + 1];
    const k = params.length;
    const rows: Array<{
      return_id: string;
      organisation_id: string;
      responded_at: Date | null;
      is_late: boolean;
      current_submission_id: string | null;
      name: string;
      status: NominationResponseStatus;
    }> = await this.dataSource.query(
      `${base}
         SELECT * FROM base
         WHERE ${statusFilter} AND ($${k + 1}::text IS NULL OR (name, organisation_id) > ($${k + 1}::text, $${k + 2}::uuid))
         ORDER BY name, organisation_id
         LIMIT $${k + 3}`,
      pageParams,
    );
    return {
      totalCount: n,
      rows: rows.map((r) => ({
        returnId: r.return_id,
        organisationId: r.organisation_id,
        organisationName: r.name,
        status: r.status,
        respondedAt: r.responded_at,
        isLate: r.is_late,
        currentSubmissionId: r.current_submission_id,
      })),
    };
  }

  async statusExport(filter: RequestFilter): Promise<StatusExportRow[]> {
    const { where, params } = this.conditions(filter);
    const rows: Array<{
      region_name: string | null;
      icb_name: string | null;
      ods_code: string;
      name: string;
      type: string;
      status: NominationResponseStatus;
      responded_at: Date | null;
      version: number | null;
      submission_status: SubmissionStatus | null;
    }> = await this.dataSource.query(
      `SELECT rx.name AS region_name, ix.name AS icb_name, o.ods_code, o.name, o.type, ${this.statusColumn()} AS status,
              r.responded_at, s.version, s.status AS submission_status
       FROM nomination_request r
       JOIN organisation o ON o.id = r.organisation_id
       LEFT JOIN nomination_submission s ON s.id = r.current_submission_id
       ${this.regionAndIcbJoins()}
       WHERE ${where}
       ORDER BY rx.name NULLS FIRST, ix.name NULLS FIRST, o.name, o.id`,
      params,
    );
    return rows.map((r) => ({
      regionName: r.region_name,
      icbName: r.icb_name,
      odsCode: r.ods_code,
      organisationName: r.name,
      organisationType: r.type,
      status: r.status,
      respondedAt: r.responded_at,
      currentVersion: r.version,
      currentStatus: r.submission_status,
    }));
  }

  /** The people each organisation named in its latest submission to the return. */
  async leadExport(filter: RequestFilter): Promise<LeadExportRow[]> {
    const { where, params } = this.conditions(filter);
    const rows: Array<{
      region_name: string | null;
      icb_name: string | null;
      ods_code: string;
      organisation_name: string;
      version: number;
      status: SubmissionStatus;
      submitted_at: Date;
      is_late: boolean;
      lead_role: LeadRole;
      name: string;
      job_title: string;
      email: string;
      phone: string | null;
      on_executive_team: boolean;
    }> = await this.dataSource.query(
      `SELECT rx.name AS region_name, ix.name AS icb_name, o.ods_code, o.name AS organisation_name,
              s.version, s.status, s.submitted_at, s.is_late, n.lead_role, n.name, n.job_title, n.email::text AS email, n.phone, n.on_executive_team
       FROM nomination_request r
       JOIN organisation o ON o.id = r.organisation_id
       JOIN nomination_submission s ON s.id = r.current_submission_id
       JOIN nomination_nominee n ON n.submission_id = s.id
       ${this.regionAndIcbJoins()}
       WHERE ${where}
       ORDER BY rx.name NULLS FIRST, ix.name NULLS FIRST, o.name, o.id,
                CASE n.lead_role WHEN 'EXECUTIVE' THEN 0 WHEN 'SENIOR' THEN 1 ELSE 2 END, n.name`,
      params,
    );
    return rows.map((r) => ({
      regionName: r.region_name,
      icbName: r.icb_name,
      odsCode: r.ods_code,
      organisationName: r.organisation_name,
      version: r.version,
      submissionStatus: r.status,
      submittedAt: r.submitted_at,
      isLate: r.is_late,
      leadRole: r.lead_role,
      name: r.name,
      jobTitle: r.job_title,
      email: r.email,
      phone: r.phone,
      onExecutiveTeam: r.on_executive_team,
    }));
  }

  /** Every return that asked one organisation, newest first, with where it stands, if it lies in the viewer's scope. */
  async statusesOfOrganisation(organisationId: string, viewer: Viewer): Promise<OrganisationReturnStatusRow[]> {
    const params: unknown[] = [organisationId];
    const rows: Array<{
      return_id: string;
      title: string;
      deadline: Date;
      return_status: string;
      responded_at: Date | null;
      status: NominationResponseStatus;
    }> = await this.dataSource.query(
      `SELECT n.id AS return_id, n.title, n.deadline, n.status AS return_status, r.responded_at, ${this.statusColumn()} AS status
         FROM nomination_request r
         JOIN organisation o ON o.id = r.organisation_id
         JOIN nomination_return n ON n.id = r.return_id
         WHERE r.organisation_id = $1 AND ${inViewerScope(viewer, 'r.organisation_id', positionalParameters(params))}
         ORDER BY n.opened_at DESC, n.id`,
      params,
    );
    return rows.map((r) => ({
      returnId: r.return_id,
      title: r.title,
      deadline: r.deadline,
      isOpen: r.return_status === 'OPEN',
      respondedAt: r.responded_at,
      status: r.status,
    }));
  }

  /** The requests the filter covers, as a condition on r (nomination_request) and its parameters, to which a query may add its own. */
  private conditions(filter: RequestFilter): { where: string; params: unknown[] } {
    const params: unknown[] = [filter.returnId];
    const inScope = inViewerScope(filter.viewer, 'r.organisation_id', positionalParameters(params));
    params.push(filter.withinId ?? null);
    const within = `$${params.length}`;
    return {
      where: `r.return_id = $1 AND ${inScope}
              AND (${within}::uuid IS NULL OR EXISTS (SELECT 1 FROM organisation_ancestor w WHERE w.ancestor_id = ${within} AND w.descendant_id = r.organisation_id))`,
      params,
    };
  }

  /** The request's region (ra/rx) and ICB (ia/ix), either of which may be the organisation itself. */
  private regionAndIcbJoins(): string {
    return `LEFT JOIN (organisation_ancestor ra JOIN organisation rx ON rx.id = ra.ancestor_id AND rx.type = 'REGION') ON ra.descendant_id = r.organisation_id
            LEFT JOIN (organisation_ancestor ia JOIN organisation ix ON ix.id = ia.ancestor_id AND ix.type = 'ICB') ON ia.descendant_id = r.organisation_id`;
  }

  /** Needs r (nomination_request) and o (its organisation). */
  private statusColumn(): string {
    return `CASE WHEN r.responded_at IS NOT NULL AND ${this.awaitingReview()} THEN '${NominationResponseStatus.AWAITING_REVIEW}'
                 WHEN r.responded_at IS NOT NULL AND r.is_late THEN '${NominationResponseStatus.LATE}'
                 WHEN r.responded_at IS NOT NULL THEN '${NominationResponseStatus.RESPONDED}'
                 WHEN ${this.contacts.unreachableCondition('o')} THEN '${NominationResponseStatus.UNREACHABLE}'
                 ELSE '${NominationResponseStatus.OUTSTANDING}' END`;
  }

  private countColumns(): string {
    return `count(*)::int AS total,
            count(*) FILTER (WHERE r.responded_at IS NOT NULL)::int AS responded,
            count(*) FILTER (WHERE r.responded_at IS NOT NULL AND r.is_late)::int AS late,
            count(*) FILTER (WHERE r.responded_at IS NOT NULL AND ${this.awaitingReview()})::int AS "awaitingReview",
            count(*) FILTER (WHERE r.responded_at IS NULL)::int AS outstanding,
            count(*) FILTER (WHERE r.responded_at IS NULL AND ${this.contacts.unreachableCondition('o')})::int AS unreachable`;
  }

  /** Needs r (nomination_request): its latest version waits for a decision. */
  private awaitingReview(): string {
    return `EXISTS (SELECT 1 FROM nomination_submission cs WHERE cs.id = r.current_submission_id AND cs.status = '${SubmissionStatus.PENDING}')`;
  }
}
