import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionType, listComplexity, Loaders, RequestLoaders } from '@dasv/common';
import { Can, Permission } from '@dasv/auth';
import { Organisation } from './entities/organisation.entity';
import { OrganisationArgs, OrganisationsArgs } from './dto/organisations.args';
import { OrganisationsService } from './organisations.service';
import { OrganisationLoaders } from './organisations.loaders';

export const OrganisationConnection = ConnectionType(Organisation, 'Organisation');

@Resolver(() => Organisation)
export class OrganisationsResolver {
  constructor(
    private readonly service: OrganisationsService,
    private readonly loaders: OrganisationLoaders,
  ) {}

  @Query(() => Organisation)
  @Can(Permission.OrganisationRead)
  organisation(@Args() { odsCode }: OrganisationArgs) {
    return this.service.getByOdsCode(odsCode);
  }

  @Query(() => OrganisationConnection, { complexity: listComplexity })
  @Can(Permission.OrganisationRead)
  organisations(@Args() args: OrganisationsArgs) {
    return this.service.list(args);
  }

  @ResolveField(() => Organisation, { nullable: true })
  parent(@Parent() organisation: Organisation, @Loaders() loaders: RequestLoaders) {
    return organisation.parentId ? loaders.get(this.loaders).byId.load(organisation.parentId) : null;
  }

  @ResolveField(() => Organisation, { nullable: true })
  successor(@Parent() organisation: Organisation, @Loaders() loaders: RequestLoaders) {
    return organisation.successorId ? loaders.get(this.loaders).byId.load(organisation.successorId) : null;
  }

  @ResolveField(() => [Organisation], { complexity: ({ childComplexity }) => 1 + childComplexity * 20 })
  children(@Parent() organisation: Organisation, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.loaders).childrenOf.load(organisation.id);
  }

  @ResolveField(() => [Organisation], {
    description: 'From NHS England down to the direct parent',
    complexity: ({ childComplexity }) => 1 + childComplexity * 3,
  })
  ancestors(@Parent() organisation: Organisation, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.loaders).ancestorsOf.load(organisation.id);
  }
}
