import { ArgsType, Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Organisation, OdsCodeField } from '@dasv/organisations';
import { LeadRole } from '@dasv/leads';
import { NominationReturn } from '../entities/nomination-return.entity';
import { NominationSubmission } from '../entities/nomination-submission.entity';
import { NominationNominee } from '../entities/nomination-nominee.entity';
import { ReturnIdField } from './return-id.field';

export enum LeadChangeKind {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(LeadChangeKind, { name: 'LeadChangeKind' });

@ObjectType({ description: 'One answer about a person that differs between two versions' })
export class LeadFieldChange {
  @Field({ description: 'leadRole, name, jobTitle, phone or onExecutiveTeam' })
  field!: string;

  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => String, { nullable: true })
  to!: string | null;
}

@ObjectType({ description: 'A person named in either version, matched by e-mail address, and what changed about them' })
export class NominationLeadChange {
  @Field(() => LeadChangeKind)
  kind!: LeadChangeKind;

  @Field()
  email!: string;

  @Field()
  name!: string;

  @Field(() => LeadRole)
  leadRole!: LeadRole;

  @Field(() => [LeadFieldChange])
  changes!: LeadFieldChange[];
}

@ObjectType({ description: 'A submission as a national administrator reviews it: what it changes against the version last accepted' })
export class NominationReview {
  @Field(() => NominationReturn)
  nominationReturn!: NominationReturn;

  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => NominationSubmission, { nullable: true, description: 'The latest version; null when the organisation has not answered' })
  submission!: NominationSubmission | null;

  @Field(() => [NominationNominee])
  nominees!: NominationNominee[];

  @Field(() => NominationSubmission, { nullable: true, description: 'The version last accepted for this organisation, in any return' })
  previous!: NominationSubmission | null;

  @Field(() => String, { nullable: true, description: 'The title of the return the previous version answered' })
  previousReturnTitle!: string | null;

  @Field(() => [NominationLeadChange])
  changes!: NominationLeadChange[];

  @Field(() => String, { nullable: true, description: 'A later return whose accepted answer this one may no longer replace (accepting is refused)' })
  supersededBy!: string | null;
}

@ArgsType()
export class NominationReviewArgs {
  @ReturnIdField()
  returnId!: string;

  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;
}
