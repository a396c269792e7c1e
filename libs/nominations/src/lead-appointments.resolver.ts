import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '@dasv/common';
import { AuthUser, CurrentUser, SignedIn } from '@dasv/auth';
import { Organisation, OrganisationLoaders } from '@dasv/organisations';
import { LeadAppointmentResponsesService } from './lead-appointment-responses.service';
import { LeadAppointment, LeadAppointmentArgs } from './dto/lead-appointment.type';

/**
 * The person named as a lead answering. No permission is needed: the person asked may hold no
 * role anywhere yet. Like `me`, these need only a signed-in caller, and the service finds the
 * question among the caller's own or nowhere.
 */
@Resolver(() => LeadAppointment)
export class LeadAppointmentsResolver {
  constructor(
    private readonly responses: LeadAppointmentResponsesService,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  @SignedIn()
  @Query(() => [LeadAppointment], {
    description: 'Requests to be a DASV lead waiting for your answer',
    complexity: ({ childComplexity }) => 1 + childComplexity * 5,
  })
  myLeadAppointments(@CurrentUser() me: AuthUser) {
    return this.responses.mine(me);
  }

  @SignedIn()
  @Mutation(() => LeadAppointment, {
    description: 'Agrees to be the lead you were named as: you get the DASV lead role there and appear in the directory as its lead',
  })
  agreeToLeadAppointment(@CurrentUser() me: AuthUser, @Args() { id }: LeadAppointmentArgs) {
    return this.responses.agree(me, id);
  }

  @SignedIn()
  @Mutation(() => LeadAppointment, { description: 'Declines to be the lead you were named as; the organisation is told' })
  declineLeadAppointment(@CurrentUser() me: AuthUser, @Args() { id }: LeadAppointmentArgs) {
    return this.responses.decline(me, id);
  }

  @ResolveField(() => Organisation, { description: 'The organisation naming them' })
  organisation(@Parent() appointment: LeadAppointment, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.organisationLoaders).byId.load(appointment.organisationId);
  }
}
