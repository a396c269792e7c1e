import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { ChaseDue, ChaseLog, ChaseLogService, ChasePause, ChasePausesService, ChasingLoaders, ManualChaseService } from '@dasv/chasing';
import { NominationRequestStatus } from './dto/nomination-request-status.type';
import { ChaseLogArgs, ChaseNowInput, PauseChasingInput, ResumeChasingInput } from './nominations-chase.inputs';
import { NOMINATION_RETURN_CAMPAIGN, nominationCampaign } from './nominations-chase.source';

@Resolver()
export class NominationsChaseResolver {
  constructor(
    private readonly chaseLogs: ChaseLogService,
    private readonly pauses: ChasePausesService,
    private readonly manual: ManualChaseService,
  ) {}

  @Query(() => [ChaseLog], { description: 'Every chase sent to (or about) one organisation for a return, newest first' })
  @Can(Permission.NominationRead)
  chaseLog(@CurrentUser() me: AuthUser, @Args() args: ChaseLogArgs) {
    return this.chaseLogs.logOf(me, Permission.NominationRead, {
      kind: NOMINATION_RETURN_CAMPAIGN,
      ref: args.returnId,
      organisationOdsCode: args.organisationOdsCode,
    });
  }

  @Mutation(() => ChasePause, {
    description: 'An agreed extension: no chase to the organisation, nor about it to its ICB or region, until the day after `until`',
  })
  @Can(Permission.ChaseManage)
  pauseChasing(@CurrentUser() me: AuthUser, @Args('input') input: PauseChasingInput) {
    return this.pauses.pause(
      me,
      { kind: NOMINATION_RETURN_CAMPAIGN, ref: input.returnId, organisationOdsCode: input.organisationOdsCode },
      { lastDay: input.until, reason: input.reason },
    );
  }

  @Mutation(() => ChasePause, {
    description: 'Ends the organisation’s running pause now, before its agreed end: it is chased again from its next chase due',
  })
  @Can(Permission.ChaseManage)
  resumeChasing(@CurrentUser() me: AuthUser, @Args('input') input: ResumeChasingInput) {
    return this.pauses.resume(me, { kind: NOMINATION_RETURN_CAMPAIGN, ref: input.returnId, organisationOdsCode: input.organisationOdsCode });
  }

  @Mutation(() => ChaseLog, { description: 'E-mails the organisation’s administrators now, outside the schedule' })
  @Can(Permission.ChaseManage)
  chaseNow(@CurrentUser() me: AuthUser, @Args('input') input: ChaseNowInput) {
    return this.manual.chaseNow(
      me,
      { kind: NOMINATION_RETURN_CAMPAIGN, ref: input.returnId, organisationOdsCode: input.organisationOdsCode },
      input.note ?? null,
    );
  }
}

/** The dashboard's drill-down: what has been sent about each organisation and what comes next. */
@Resolver(() => NominationRequestStatus)
export class NominationRequestChaseResolver {
  constructor(private readonly chasingLoaders: ChasingLoaders) {}

  @ResolveField(() => [ChaseLog], {
    description: 'Chases sent to or about this organisation, newest first',
    complexity: ({ childComplexity }) => 1 + childComplexity * 5,
  })
  chaseLog(@Parent() request: NominationRequestStatus, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.chasingLoaders).logOf.load({ campaign: nominationCampaign(request.returnId), organisationId: request.organisationId });
  }

  @ResolveField(() => ChaseDue, { nullable: true, description: 'The next scheduled chase; null once it has responded or the return has closed' })
  nextChaseDue(@Parent() request: NominationRequestStatus, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.chasingLoaders).nextDueOf.load({ campaign: nominationCampaign(request.returnId), organisationId: request.organisationId });
  }

  @ResolveField(() => ChasePause, { nullable: true, description: 'The agreed extension chasing is paused for now, if any', complexity: 2 })
  chasePause(@Parent() request: NominationRequestStatus, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.chasingLoaders).pauseOf.load({ campaign: nominationCampaign(request.returnId), organisationId: request.organisationId });
  }
}
