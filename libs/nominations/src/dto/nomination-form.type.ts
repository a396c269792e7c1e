import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NominationReturn } from '../entities/nomination-return.entity';
import { LeadRole } from '@dasv/leads';
import { Organisation } from '@dasv/organisations';
import { NominationSubmission } from '../entities/nomination-submission.entity';
import { LeadAppointment } from './lead-appointment.type';

/** Trusts and ICBs name an executive lead and operational leads; a region names one senior lead. */
export enum NominationLeadsAsked {
  EXECUTIVE_AND_OPERATIONAL = 'EXECUTIVE_AND_OPERATIONAL',
  SENIOR = 'SENIOR',
}
registerEnumType(NominationLeadsAsked, { name: 'NominationLeadsAsked' });

/** Where a form's answers came from, so the page can say "check these" rather than "fill these in". */
export enum NominationPrefill {
  NONE = 'NONE',
  CURRENT_LEADS = 'CURRENT_LEADS',
  SUBMISSION = 'SUBMISSION',
}
registerEnumType(NominationPrefill, { name: 'NominationPrefill' });

@ObjectType({ description: 'A person as the form shows them, to confirm or change' })
export class NomineeDraft {
  @Field(() => ID, { nullable: true, description: 'Their current lead record, when they are a lead already' })
  leadId!: string | null;

  @Field()
  name!: string;

  @Field()
  jobTitle!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field()
  onExecutiveTeam!: boolean;
}

@ObjectType({ description: 'A current (or just ended) DASV lead of an organisation' })
export class CurrentLead {
  @Field(() => ID)
  leadId!: string;

  @Field(() => LeadRole)
  leadRole!: LeadRole;

  @Field(() => ID)
  userId!: string;

  @Field()
  name!: string;

  /** Not a field here: `email` and `phone` resolve through the directory's visibility rule (libs/directory, LeadContactResolver). */
  email!: string;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  /** As the organisation gave it when naming them; see `email`. */
  phone!: string | null;

  @Field()
  onExecutiveTeam!: boolean;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;
}

@ObjectType({ description: 'What an organisation is asked, filled in with what is already known' })
export class NominationForm {
  @Field(() => NominationReturn)
  nominationReturn!: NominationReturn;

  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => NominationLeadsAsked)
  leadsAsked!: NominationLeadsAsked;

  @Field(() => NominationPrefill)
  prefilledFrom!: NominationPrefill;

  @Field({ description: 'Submissions are accepted (closed returns refuse them)' })
  isOpen!: boolean;

  @Field({ description: 'A submission now would be marked late' })
  isPastDeadline!: boolean;

  @Field(() => NominationSubmission, { nullable: true, description: 'The latest version this organisation submitted to this return' })
  currentSubmission!: NominationSubmission | null;

  @Field(() => NomineeDraft, { nullable: true })
  executiveLead!: NomineeDraft | null;

  @Field(() => [NomineeDraft])
  operationalLeads!: NomineeDraft[];

  @Field(() => NomineeDraft, { nullable: true })
  seniorLead!: NomineeDraft | null;

  @Field(() => [CurrentLead], { description: 'The organisation’s leads now, whichever return named them; each can be handed over' })
  currentLeads!: CurrentLead[];

  @Field(() => [LeadAppointment], {
    description: 'People named who must agree before they become leads: those still to answer, and what the others answered in the last 30 days, newest first',
    complexity: ({ childComplexity }) => 1 + childComplexity * 5,
  })
  leadAppointments!: LeadAppointment[];
}
