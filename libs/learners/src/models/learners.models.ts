import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Organisation } from '@dasv/organisations';
import { ImportedCompletionSource } from '../dto/learners.inputs';

@ObjectType({ description: 'Staff in post at an organisation: the denominator of its completion rate' })
export class Headcount {
  @Field(() => Int)
  headcount!: number;

  @Field({ description: 'STAFF_LIST (counted from the last staff list uploaded) or ADMIN (entered by an administrator)' })
  source!: string;

  @Field()
  updatedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who set it; null once their account is gone' })
  updatedByName!: string | null;
}

@ObjectType({ description: 'Something an administrator did about an organisation’s learners' })
export class LearnerAdminEvent {
  @Field({ description: 'learner.staff_list_uploaded, learner.headcount_set or learner.completions_imported' })
  action!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => String, { nullable: true })
  actorName!: string | null;

  @Field({ description: 'In words, e.g. "Staff list of 120 people: 100 accounts created"' })
  summary!: string;
}

@ObjectType()
export class ManagedOrganisation {
  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => Headcount, { nullable: true, description: 'Null until a staff list is uploaded or a headcount entered' })
  headcount!: Headcount | null;
}

@ObjectType()
export class OrganisationStaff extends ManagedOrganisation {
  @Field(() => [LearnerAdminEvent], { description: 'The latest staff lists, headcounts and imports, newest first' })
  recentActivity!: LearnerAdminEvent[];
}

@ObjectType()
export class StaffListUpload {
  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => Int, { description: 'People in the list' })
  rows!: number;

  @Field(() => Int, { description: 'New accounts, each sent an invitation to set a password' })
  accountsCreated!: number;

  @Field(() => Int, { description: 'People who already had an account, left as they were' })
  alreadyHadAccounts!: number;

  @Field(() => Int, {
    description: 'The organisation’s headcount now: the number of people in the list, or the one an administrator entered if they chose to keep it',
  })
  headcount!: number;

  @Field({ description: 'True when the headcount an administrator entered was kept' })
  keptEnteredHeadcount!: boolean;
}

@ObjectType({ description: 'A staff list checked and held for an hour, with what uploading it would do; nothing is written yet' })
export class StaffListCheck {
  @Field({ description: 'Give to confirmStaffList to upload the list as checked' })
  uploadId!: string;

  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => Int, { description: 'People in the list' })
  rows!: number;

  @Field(() => Int, { description: 'People without an account: each would get one, and an e-mail with a link to set a password' })
  accountsToCreate!: number;

  @Field(() => Int, { description: 'People who already have an account, left as they are' })
  alreadyHaveAccounts!: number;

  @Field(() => Headcount, { nullable: true, description: 'The headcount now; null when there is none' })
  headcountNow!: Headcount | null;

  @Field(() => Int, { description: 'The headcount the list gives: the number of people in it' })
  listHeadcount!: number;

  @Field({ description: 'An administrator entered the headcount now and the list differs: confirming needs a choice of which to keep' })
  isHeadcountChoiceNeeded!: boolean;
}

@ObjectType()
export class CompletionImport {
  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => ImportedCompletionSource)
  source!: ImportedCompletionSource;

  @Field(() => Int)
  rows!: number;

  @Field(() => Int, { description: 'People counted as completed for the first time' })
  newlyCounted!: number;

  @Field(() => Int, { description: 'People already counted (from this platform, an earlier import or another source)' })
  alreadyCounted!: number;
}
