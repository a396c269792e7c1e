import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionType, EXPORT_COMPLEXITY, listComplexity, Loaders, RequestLoaders } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { DasvLead } from '@dasv/leads';
import { Organisation, OrganisationArgs, OrganisationLoaders } from '@dasv/organisations';
import { DirectoryArgs, DirectoryFilterArgs, DirectoryLeadArgs } from './dto/directory.args';
import { UpdateLeadProfileInput } from './dto/update-lead-profile.input';
import { DirectoryExportService } from './directory-export.service';
import { DirectoryLoaders } from './directory.loaders';
import { DirectoryService } from './directory.service';
import { LeadProfileService } from './lead-profile.service';
import { DirectoryLead, OrganisationLeads } from './models/directory-lead.model';

export const DirectoryLeadConnection = ConnectionType(DirectoryLead, 'DirectoryLead');

@Resolver(() => DirectoryLead)
export class DirectoryLeadResolver {
  constructor(
    private readonly directoryService: DirectoryService,
    private readonly profiles: LeadProfileService,
    private readonly exports: DirectoryExportService,
    private readonly directoryLoaders: DirectoryLoaders,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  @Query(() => DirectoryLeadConnection, { description: 'Current DASV leads, by name, organisation, ICB, region and lead role', complexity: listComplexity })
  @Can(Permission.DirectoryRead)
  directory(@CurrentUser() me: AuthUser, @Args() args: DirectoryArgs) {
    return this.directoryService.search(me, args);
  }

  @Query(() => DirectoryLead, { description: "A lead's directory profile" })
  @Can(Permission.DirectoryRead)
  directoryLead(@CurrentUser() me: AuthUser, @Args() { id }: DirectoryLeadArgs) {
    return this.directoryService.profile(me, id);
  }

  @Query(() => DirectoryLead, { description: 'Your own directory profile, with your choices of what to show' })
  @Can(Permission.DirectoryRead)
  myLeadProfile(@CurrentUser() me: AuthUser) {
    return this.profiles.mine(me);
  }

  @Mutation(() => DirectoryLead)
  @Can(Permission.DirectoryRead)
  updateMyLeadProfile(@CurrentUser() me: AuthUser, @Args('input') input: UpdateLeadProfileInput) {
    return this.profiles.update(me, input);
  }

  @Query(() => OrganisationLeads, { description: "An organisation's current leads and its past ones, including those of organisations merged into it" })
  @Can(Permission.DirectoryRead)
  organisationLeads(@Args() { odsCode }: OrganisationArgs) {
    return this.directoryService.organisationLeads(odsCode);
  }

  @Query(() => String, { description: 'The directory of the organisations you administer, as CSV', complexity: EXPORT_COMPLEXITY })
  @Can(Permission.DirectoryExport)
  async directoryCsv(@CurrentUser() me: AuthUser, @Args() args: DirectoryFilterArgs) {
    return (await this.exports.exportCsv(me, args)).csv;
  }

  @ResolveField(() => Organisation, { description: 'The organisation they work for' })
  organisation(@Parent() lead: DirectoryLead, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.organisationLoaders).byId.load(lead.organisationId);
  }

  @ResolveField(() => [DasvLead], { description: 'The lead roles they hold now', complexity: ({ childComplexity }) => 1 + childComplexity * 3 })
  leadRoles(@Parent() lead: DirectoryLead, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.directoryLoaders).currentLeadsOf.load(lead.id);
  }
}

@Resolver(() => DasvLead)
export class DasvLeadResolver {
  constructor(
    private readonly directoryLoaders: DirectoryLoaders,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  @ResolveField(() => Organisation, { description: 'Where the role is, or was, held' })
  organisation(@Parent() lead: DasvLead, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.organisationLoaders).byId.load(lead.organisationId);
  }

  @ResolveField(() => DirectoryLead)
  person(@Parent() lead: DasvLead, @CurrentUser() me: AuthUser, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.directoryLoaders).peopleSeenBy(me).load(lead.userId);
  }

  @ResolveField(() => DasvLead, { nullable: true, description: 'Who took over: the next lead, or this lead again at a successor organisation' })
  successor(@Parent() lead: DasvLead, @Loaders() loaders: RequestLoaders) {
    return lead.successorId ? loaders.get(this.directoryLoaders).leadById.load(lead.successorId) : null;
  }
}
