import { Injectable } from '@nestjs/common';
import { Connection, decodeCursor, encodeCursor, toConnection } from '@dasv/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { OrganisationsService } from '@dasv/organisations';
import { NominationDashboardRepository, OrganisationReturnStatusRow } from './nomination-dashboard.repository';
import { NominationReadScopeService } from './nomination-read-scope.service';
import { NominationDashboard, NominationGroupCounts } from './dto/nomination-dashboard.type';
import { NominationCounts, NominationRequestStatus, NominationResponseStatus } from './dto/nomination-request-status.type';

export type { OrganisationReturnStatusRow } from './nomination-dashboard.repository';

export interface ListRequestsQuery {
  returnId: string;
  within?: string;
  status?: NominationResponseStatus;
  first?: number;
  after?: string;
}

const NO_COUNTS: NominationCounts = { total: 0, responded: 0, late: 0, awaitingReview: 0, outstanding: 0, unreachable: 0 };

/** How a return is going, for the organisations the caller looks after. */
@Injectable()
export class NominationDashboardService {
  constructor(
    private readonly scope: NominationReadScopeService,
    private readonly dashboard: NominationDashboardRepository,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
  ) {}

  async dashboardFor(me: AuthUser, returnId: string, within?: string): Promise<NominationDashboard> {
    const { nominationReturn, within: withinOrganisation, filter } = await this.scope.resolve(me, returnId, within);
    const groups = await this.dashboard.groupCounts(filter);
    const organisations = new Map(
      (await this.organisations.findByIds(groups.flatMap((g) => (g.organisationId ? [g.organisationId] : [])))).map((o) => [o.id, o]),
    );
    const rowsAt = (level: 'REGION' | 'ICB'): NominationGroupCounts[] =>
      groups
        .filter((g) => g.level === level && organisations.has(g.organisationId!))
        .map(({ organisationId, parentId, total, responded, late, awaitingReview, outstanding, unreachable }) => ({
          total,
          responded,
          late,
          awaitingReview,
          outstanding,
          unreachable,
          organisation: organisations.get(organisationId!)!,
          parentId,
        }))
        .sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
    const totals = groups.find((g) => g.level === 'TOTAL');
    return {
      nominationReturn,
      within: withinOrganisation,
      totals: totals
        ? {
            total: totals.total,
            responded: totals.responded,
            late: totals.late,
            awaitingReview: totals.awaitingReview,
            outstanding: totals.outstanding,
            unreachable: totals.unreachable,
          }
        : NO_COUNTS,
      regions: rowsAt('REGION'),
      icbs: rowsAt('ICB'),
    };
  }

  async requests(me: AuthUser, query: ListRequestsQuery): Promise<Connection<NominationRequestStatus>> {
    const first = query.first ?? 20;
    const { filter } = await this.scope.resolve(me, query.returnId, query.within);
    const { rows, totalCount } = await this.dashboard.list({ ...filter, status: query.status, first, after: decodeCursor(query.after) });
    return toConnection(rows, first, totalCount, (r) => encodeCursor(r.organisationName, r.organisationId));
  }

  /** Counts per return, scoped to the caller, for a list of returns (one query for them all). */
  async countsFor(me: AuthUser, returnIds: readonly string[]): Promise<Map<string, NominationCounts>> {
    if (returnIds.length === 0) return new Map();
    const counts = await this.dashboard.countsByReturn(returnIds, this.access.viewer(me, Permission.NominationRead));
    return new Map(returnIds.map((id) => [id, counts.get(id) ?? NO_COUNTS]));
  }

  /** Every return that asked this organisation and where it stands with each, newest first; empty outside the caller's scope. */
  statusesOf(me: AuthUser, organisationId: string): Promise<OrganisationReturnStatusRow[]> {
    return this.dashboard.statusesOfOrganisation(organisationId, this.access.viewer(me, Permission.NominationRead));
  }
}
