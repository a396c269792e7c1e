import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { LONDON_ZONE, PageArgs, trim } from '@dasv/common';
import { ODS_CODE_MESSAGE, ODS_CODE_PATTERN, OrganisationType } from '@dasv/organisations';
import { NominationReturnStatus } from '../entities/nomination-return.entity';

/** The organisation types a return can ask; NHS England itself is never asked. */
export const ASKABLE_TYPES = [OrganisationType.REGION, OrganisationType.ICB, OrganisationType.TRUST] as const;

/** A date and time, with or without an offset; without one it is read as wall-clock time in London. */
export const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

export const DEFAULT_REMINDER_OFFSETS_DAYS = [14, 7, 2];

@InputType()
export class OpenNominationReturnInput {
  @Field()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'Enter a title' })
  @MaxLength(200, { message: 'Title must be 200 characters or fewer' })
  title!: string;

  @Field({ nullable: true, description: 'What organisations are asked to do, shown in the e-mail and on the form' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000, { message: 'Instructions must be 5000 characters or fewer' })
  instructions?: string;

  @Field(() => [OrganisationType], { description: 'REGION, ICB and/or TRUST' })
  @IsArray({ message: 'Choose which organisations to ask' })
  @ArrayNotEmpty({ message: 'Choose which organisations to ask' })
  @ArrayUnique({ message: 'Choose each type of organisation once' })
  @IsIn(ASKABLE_TYPES, { each: true, message: 'Choose regions, ICBs or trusts' })
  organisationTypes!: OrganisationType[];

  @Field({ nullable: true, description: 'ODS code of the region or ICB whose organisations are asked; all of England (X24) when left out' })
  @IsOptional()
  @Transform(trim)
  @Matches(ODS_CODE_PATTERN, { message: `scopeOdsCode ${ODS_CODE_MESSAGE}` })
  scopeOdsCode?: string;

  @Field({ description: `Deadline, e.g. 2026-07-13T23:59; read as ${LONDON_ZONE} time unless it carries an offset` })
  @Transform(trim)
  @IsString()
  @Matches(DATE_TIME_PATTERN, { message: 'Enter the deadline as a date and time, like 2026-07-13T23:59' })
  deadline!: string;

  @Field(() => [Int], { nullable: true, description: 'Reminders this many days before the deadline; 14, 7 and 2 when left out' })
  @IsOptional()
  @IsArray({ message: 'Enter the reminder days as whole numbers' })
  @ArrayMaxSize(10, { message: 'Send at most 10 reminders before the deadline' })
  @ArrayUnique({ message: 'Enter each reminder day once' })
  @IsInt({ each: true, message: 'Enter the reminder days as whole numbers' })
  @Min(1, { each: true, message: 'Reminders must be at least 1 day before the deadline' })
  @Max(365, { each: true, message: 'Reminders must be at most 365 days before the deadline' })
  reminderOffsetsDays?: number[];

  @Field(() => Int, { nullable: true, description: 'Once overdue, remind every this many working days; 5 when left out' })
  @IsOptional()
  @IsInt({ message: 'Enter a whole number of working days' })
  @Min(1, { message: 'Remind at least every 1 working day' })
  @Max(60, { message: 'Remind at least every 60 working days' })
  overdueEveryWorkingDays?: number;

  @Field(() => Int, { nullable: true, description: 'Escalate to the ICB and region this many working days after the deadline; 10 when left out' })
  @IsOptional()
  @IsInt({ message: 'Enter a whole number of working days' })
  @Min(0, { message: 'Enter 0 or more working days' })
  @Max(120, { message: 'Escalate within 120 working days' })
  escalateAfterWorkingDays?: number;

  @Field({ nullable: true, description: 'Whether a national admin must accept each submission; accepted automatically when left out' })
  @IsOptional()
  @IsBoolean()
  requiresApproval?: boolean;
}

@ArgsType()
export class NominationReturnArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a nomination return id' })
  id!: string;
}

@ArgsType()
export class NominationReturnsArgs extends PageArgs {
  @Field(() => NominationReturnStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(NominationReturnStatus))
  status?: NominationReturnStatus;
}
