import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { Organisation, OrganisationLoaders } from '@dasv/organisations';
import { NominationSubmission } from './entities/nomination-submission.entity';
import { NominationNominee } from './entities/nomination-nominee.entity';
import { NominationSubmissionsService } from './nomination-submissions.service';
import { NominationDecisionsService } from './nomination-decisions.service';
import { NominationFormService } from './nomination-form.service';
import { NominationReviewService } from './nomination-review.service';
import { NominationReview, NominationReviewArgs } from './dto/nomination-review.type';
import { LeadHandoverService } from './lead-handover.service';
import { NominationLoaders } from './nominations.loaders';
import { DecideSubmissionArgs, HandOverLeadInput, NominationFormArgs, SubmitNominationInput } from './dto/submit-nomination.input';
import { NominationForm } from './dto/nomination-form.type';
import { LeadHandover } from './dto/lead-handover.type';

@Resolver(() => NominationSubmission)
export class NominationSubmissionsResolver {
  constructor(
    private readonly submissions: NominationSubmissionsService,
    private readonly decisions: NominationDecisionsService,
    private readonly forms: NominationFormService,
    private readonly reviews: NominationReviewService,
    private readonly handovers: LeadHandoverService,
    private readonly nominationLoaders: NominationLoaders,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  @Mutation(() => NominationSubmission, { description: 'Names an organisation’s leads for a return; each call is a new version' })
  @Can(Permission.NominationSubmit)
  submitNomination(@CurrentUser() me: AuthUser, @Args('input') input: SubmitNominationInput) {
    return this.submissions.submit(me, input);
  }

  @Mutation(() => NominationSubmission, { description: 'Accepts or rejects a submission to a return that needs approval' })
  @Can(Permission.NominationManage)
  decideSubmission(@CurrentUser() me: AuthUser, @Args() { id, accept, reason }: DecideSubmissionArgs) {
    return this.decisions.decide(me, id, accept, reason);
  }

  @Query(() => NominationForm, { description: 'What an organisation is asked, pre-filled with what is already known' })
  @Can(Permission.NominationSubmit)
  nominationForm(@CurrentUser() me: AuthUser, @Args() { returnId, organisationOdsCode }: NominationFormArgs) {
    return this.forms.formFor(me, returnId, organisationOdsCode);
  }

  @Query(() => NominationReview, {
    description: 'An organisation’s latest answer to a return as a national administrator reviews it: what it changes against the version last accepted',
    complexity: ({ childComplexity }) => 5 + childComplexity,
  })
  @Can(Permission.NominationManage)
  nominationReview(@CurrentUser() me: AuthUser, @Args() { returnId, organisationOdsCode }: NominationReviewArgs) {
    return this.reviews.reviewFor(me, returnId, organisationOdsCode);
  }

  @Mutation(() => LeadHandover, {
    description:
      'Hands a leaving lead’s place to a successor in the same role: at once for someone in your organisation, otherwise once the successor agrees (the leaving lead stays until then)',
  })
  @Can(Permission.NominationSubmit)
  handOverLead(@CurrentUser() me: AuthUser, @Args('input') input: HandOverLeadInput) {
    return this.handovers.handOver(me, input);
  }

  @ResolveField(() => [NominationNominee])
  nominees(@Parent() submission: NominationSubmission, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.nominationLoaders).nomineesOf.load(submission.id);
  }

  @ResolveField(() => Organisation)
  organisation(@Parent() submission: NominationSubmission, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.organisationLoaders).byId.load(submission.organisationId);
  }
}
