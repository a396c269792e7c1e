import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '@dasv/common';
import { Organisation, OrganisationLoaders } from '@dasv/organisations';
import { NominationSubmission } from './entities/nomination-submission.entity';
import { NominationLoaders } from './nominations.loaders';
import { NominationRequestStatus } from './dto/nomination-request-status.type';

@Resolver(() => NominationRequestStatus)
export class NominationRequestStatusResolver {
  constructor(
    private readonly nominationLoaders: NominationLoaders,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  @ResolveField(() => Organisation)
  organisation(@Parent() request: NominationRequestStatus, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.organisationLoaders).byId.load(request.organisationId);
  }

  @ResolveField(() => [NominationSubmission], {
    description: 'Every version submitted, newest first',
    complexity: ({ childComplexity }) => 1 + childComplexity * 3,
  })
  submissions(@Parent() request: NominationRequestStatus, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.nominationLoaders).submissionsOf.load({ returnId: request.returnId, organisationId: request.organisationId });
  }
}
