import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageArgs, trim } from '@dasv/common';
import { ODS_CODE_MESSAGE, ODS_CODE_PATTERN } from '@dasv/organisations';

/**
 * Where one organisation stands with one return. RESPONDED and LATE have answered (on time, or after
 * the deadline), AWAITING_REVIEW has answered and its latest version waits for a national
 * administrator's decision; OUTSTANDING and UNREACHABLE have not, and UNREACHABLE has nobody to write to (no
 * organisation admin, no contact address), worked out afresh on every read.
 */
export enum NominationResponseStatus {
  OUTSTANDING = 'OUTSTANDING',
  RESPONDED = 'RESPONDED',
  LATE = 'LATE',
  UNREACHABLE = 'UNREACHABLE',
  /** Answered, and the latest version waits for a national administrator's review. */
  AWAITING_REVIEW = 'AWAITING_REVIEW',
}
registerEnumType(NominationResponseStatus, { name: 'NominationResponseStatus' });

/**
 * One organisation asked by one return, as the dashboard shows it. Other features add fields to this
 * type (the chase engine's log and next chase) with @ResolveField, so its fields are kept stable.
 */
@ObjectType({ description: 'One organisation asked by one return, and where it stands' })
export class NominationRequestStatus {
  @Field(() => ID)
  returnId!: string;

  @Field(() => ID)
  organisationId!: string;

  // `organisation: Organisation!` and `submissions` are resolved in NominationRequestStatusResolver.

  @Field(() => NominationResponseStatus)
  status!: NominationResponseStatus;

  @Field(() => Date, { nullable: true, description: 'The first submission; chasing stops once it is set' })
  respondedAt!: Date | null;

  @Field({ description: 'The first submission came after the deadline' })
  isLate!: boolean;

  @Field(() => ID, { nullable: true, description: 'The latest version submitted, whatever its status' })
  currentSubmissionId!: string | null;

  /** For keyset pagination; not part of the schema. */
  organisationName!: string;
}

@ObjectType({ description: 'How many organisations asked have answered. responded includes late; outstanding includes unreachable.' })
export class NominationCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'Have submitted, on time or late' })
  responded!: number;

  @Field(() => Int, { description: 'Submitted first after the deadline (counted in responded too)' })
  late!: number;

  @Field(() => Int, { description: 'Answered, and the latest version waits for review (counted in responded too)' })
  awaitingReview!: number;

  @Field(() => Int, { description: 'Have not submitted' })
  outstanding!: number;

  @Field(() => Int, { description: 'Have not submitted and have nobody to write to (counted in outstanding too)' })
  unreachable!: number;
}

@ArgsType()
export class NominationRequestsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'returnId must be a nomination return id' })
  returnId!: string;

  @Field({ nullable: true, description: 'ODS code of a region, ICB or organisation: only organisations at or below it' })
  @IsOptional()
  @Transform(trim)
  @Matches(ODS_CODE_PATTERN, { message: `within ${ODS_CODE_MESSAGE}` })
  within?: string;

  @Field(() => NominationResponseStatus, { nullable: true })
  @IsOptional()
  @IsEnum(NominationResponseStatus, { message: 'Choose a status' })
  status?: NominationResponseStatus;
}

@ArgsType()
export class NominationDashboardArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'returnId must be a nomination return id' })
  returnId!: string;

  @Field({ nullable: true, description: 'ODS code of a region or ICB to look inside; everything you look after when left out' })
  @IsOptional()
  @Transform(trim)
  @Matches(ODS_CODE_PATTERN, { message: `within ${ODS_CODE_MESSAGE}` })
  within?: string;
}
