import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { LeadRole } from '@dasv/leads';

/**
 * Where a naming stands with the person named. Someone inside the naming organisation's subtree is
 * appointed at once and never has one of these; anyone else is asked first.
 */
export enum LeadAppointmentStatus {
  /** Named, waiting for them to agree or decline. */
  AWAITING_CONFIRMATION = 'AWAITING_CONFIRMATION',
  /** They agreed and are now the organisation's lead. */
  AGREED = 'AGREED',
  /** They said no; the organisation's admins were told. */
  DECLINED = 'DECLINED',
  /** Nobody answered before the invitation ran out. */
  EXPIRED = 'EXPIRED',
  /** The organisation named someone else before they answered. */
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(LeadAppointmentStatus, { name: 'LeadAppointmentStatus' });

@ObjectType({ description: 'A person named as a DASV lead who must agree before they become one' })
export class LeadAppointment {
  @Field(() => ID)
  id!: string;

  organisationId!: string;
  userId!: string;

  @Field(() => LeadRole)
  leadRole!: LeadRole;

  @Field({ description: 'As the organisation gave it' })
  name!: string;

  @Field({ description: 'As the organisation gave it' })
  jobTitle!: string;

  @Field({ description: 'The address the organisation named them by' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'As the organisation gave it, if it did' })
  phone!: string | null;

  @Field({ description: 'Who named them, as the e-mail to them said' })
  namedBy!: string;

  @Field()
  namedAt!: Date;

  @Field({ description: 'After this they can no longer agree, and the organisation names someone again' })
  expiresAt!: Date;

  @Field(() => LeadAppointmentStatus)
  status!: LeadAppointmentStatus;

  @Field(() => Date, { nullable: true })
  respondedAt!: Date | null;

  @Field({ description: 'They would take over a current lead’s place (a handover) rather than be named in a return' })
  isHandover!: boolean;

  namedById!: string | null;
  replacesLeadId!: string | null;
  sourceSubmissionId!: string | null;
  leadId!: string | null;
}

@ArgsType()
export class LeadAppointmentArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be the id of a request to be a lead' })
  id!: string;
}
