import { Args, Query, Resolver } from '@nestjs/graphql';
import { ConnectionType, EXPORT_COMPLEXITY, listComplexity } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { NominationDashboardService } from './nomination-dashboard.service';
import { NominationExportsService } from './nomination-exports.service';
import { NominationDashboard } from './dto/nomination-dashboard.type';
import { NominationDashboardArgs, NominationRequestsArgs, NominationRequestStatus } from './dto/nomination-request-status.type';

export const NominationRequestStatusConnection = ConnectionType(NominationRequestStatus, 'NominationRequestStatus');

@Resolver()
export class NominationDashboardResolver {
  constructor(
    private readonly dashboard: NominationDashboardService,
    private readonly exports: NominationExportsService,
  ) {}

  @Query(() => NominationDashboard, { description: 'Counts of a return nationally, by region and by ICB, for the organisations you look after' })
  @Can(Permission.NominationRead)
  nominationDashboard(@CurrentUser() me: AuthUser, @Args() args: NominationDashboardArgs) {
    return this.dashboard.dashboardFor(me, args.returnId, args.within);
  }

  @Query(() => NominationRequestStatusConnection, { description: 'Each organisation asked, by name, with where it stands', complexity: listComplexity })
  @Can(Permission.NominationRead)
  nominationRequests(@CurrentUser() me: AuthUser, @Args() args: NominationRequestsArgs) {
    return this.dashboard.requests(me, args);
  }

  @Query(() => String, { description: 'CSV (UTF-8, Excel-ready) of every organisation asked and its status', complexity: EXPORT_COMPLEXITY })
  @Can(Permission.NominationRead)
  async nominationStatusesCsv(@CurrentUser() me: AuthUser, @Args() args: NominationDashboardArgs) {
    return (await this.exports.statuses(me, args.returnId, args.within)).csv;
  }

  @Query(() => String, { description: 'CSV (UTF-8, Excel-ready) of the leads each organisation named in its latest submission', complexity: EXPORT_COMPLEXITY })
  @Can(Permission.NominationRead)
  async nominationLeadsCsv(@CurrentUser() me: AuthUser, @Args() args: NominationDashboardArgs) {
    return (await this.exports.leads(me, args.returnId, args.within)).csv;
  }
}
