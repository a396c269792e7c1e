import { ArgsType, Field } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsDate, IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageArgs, trim } from '@dasv/common';
import { ODS_CODE_MESSAGE, ODS_CODE_PATTERN } from '@dasv/organisations';

/** Actions are dotted lower-case words (user.invited, chase.sent_manually); anything else matches nothing. */
export const AUDIT_ACTION_PATTERN = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;

/** The filters of the audit trail, shared by its pages of events and its CSV export. */
@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'ODS code: only events of this organisation and those beneath it' })
  @IsOptional()
  @Transform(trim)
  @Matches(ODS_CODE_PATTERN, { message: `organisation ${ODS_CODE_MESSAGE}` })
  organisation?: string;

  @Field(() => String, { nullable: true, description: 'Only this action, like user.invited' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100, { message: 'action must be 100 characters or fewer' })
  @Matches(AUDIT_ACTION_PATTERN, { message: 'action must be an action name, like user.invited' })
  action?: string;

  @Field(() => String, { nullable: true, description: 'Only actions done by the account with this e-mail address' })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'actorEmail must be an e-mail address, like name@nhs.net' })
  @MaxLength(254, { message: 'actorEmail must be 254 characters or fewer' })
  actorEmail?: string;

  @Field(() => String, { nullable: true, description: 'Only actions done by the account with this id' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be an account id' })
  actorId?: string;

  @Field(() => Date, { nullable: true, description: 'Only events at or after this time' })
  @IsOptional()
  @IsDate({ message: 'from must be a date and time' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Only events before this time (exclusive); must be later than from' })
  @IsOptional()
  @IsDate({ message: 'to must be a date and time' })
  to?: Date;
}
