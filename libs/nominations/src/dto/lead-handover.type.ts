import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CurrentLead } from './nomination-form.type';
import { LeadAppointment } from './lead-appointment.type';

export enum LeadHandoverOutcome {
  /** The successor was inside the organisation’s subtree (or already one of its leads) and took over at once. */
  HANDED_OVER = 'HANDED_OVER',
  /** The successor must agree first; the leaving lead stays until they do. */
  AWAITING_CONFIRMATION = 'AWAITING_CONFIRMATION',
}
registerEnumType(LeadHandoverOutcome, { name: 'LeadHandoverOutcome' });

@ObjectType({ description: 'What a handover did: the successor took over, or has been asked to agree' })
export class LeadHandover {
  @Field(() => LeadHandoverOutcome)
  outcome!: LeadHandoverOutcome;

  @Field(() => CurrentLead, { nullable: true, description: 'The successor, once they are the lead' })
  successor!: CurrentLead | null;

  @Field(() => LeadAppointment, { nullable: true, description: 'The question put to the successor, while they must agree' })
  appointment!: LeadAppointment | null;
}
