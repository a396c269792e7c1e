import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionType, listComplexity, Loaders, RequestLoaders } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { Organisation, OrganisationLoaders } from '@dasv/organisations';
import { NominationReturn } from './entities/nomination-return.entity';
import { NominationReturnsService } from './nomination-returns.service';
import { NominationLoaders } from './nominations.loaders';
import { NominationReturnArgs, NominationReturnsArgs, OpenNominationReturnInput } from './dto/open-nomination-return.input';
import { NominationCounts } from './dto/nomination-request-status.type';
import { NominationReturnPreview } from './dto/nomination-return-preview.type';

export const NominationReturnConnection = ConnectionType(NominationReturn, 'NominationReturn');

@Resolver(() => NominationReturn)
export class NominationReturnsResolver {
  constructor(
    private readonly returns: NominationReturnsService,
    private readonly nominationLoaders: NominationLoaders,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  @Mutation(() => NominationReturn, { description: 'Asks organisations to name their DASV leads by a deadline, and e-mails each one' })
  @Can(Permission.NominationManage)
  async openNominationReturn(@CurrentUser() me: AuthUser, @Args('input') input: OpenNominationReturnInput) {
    return (await this.returns.open(me, input)).nominationReturn;
  }

  @Query(() => NominationReturnPreview, {
    description: 'What openNominationReturn would do with this input (who is asked, who can and cannot be reached, the chase plan), without doing it',
    // Reads every organisation the return would ask and who can be written to at each.
    complexity: ({ childComplexity }) => 100 + childComplexity,
  })
  @Can(Permission.NominationManage)
  nominationReturnPreview(@CurrentUser() me: AuthUser, @Args('input') input: OpenNominationReturnInput) {
    return this.returns.preview(me, input);
  }

  @Mutation(() => NominationReturn, { description: 'Stops chasing and refuses further submissions' })
  @Can(Permission.NominationManage)
  closeNominationReturn(@CurrentUser() me: AuthUser, @Args() { id }: NominationReturnArgs) {
    return this.returns.close(me, id);
  }

  @Query(() => NominationReturnConnection, { description: 'Returns asking organisations you look after, newest first', complexity: listComplexity })
  @Can(Permission.NominationRead)
  nominationReturns(@CurrentUser() me: AuthUser, @Args() args: NominationReturnsArgs) {
    return this.returns.list(me, args);
  }

  @Query(() => NominationReturn)
  @Can(Permission.NominationRead)
  nominationReturn(@CurrentUser() me: AuthUser, @Args() { id }: NominationReturnArgs) {
    return this.returns.get(me, id);
  }

  @ResolveField(() => Organisation, { description: 'Organisations at or below this one were asked' })
  scopeRoot(@Parent() nominationReturn: NominationReturn, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.organisationLoaders).byId.load(nominationReturn.scopeRootId);
  }

  @ResolveField(() => NominationCounts, { description: 'How the organisations you look after have answered' })
  counts(@Parent() nominationReturn: NominationReturn, @CurrentUser() me: AuthUser, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.nominationLoaders).countsOf.load({ returnId: nominationReturn.id, viewer: me });
  }
}
