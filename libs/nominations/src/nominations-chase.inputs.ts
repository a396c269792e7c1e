import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ReturnIdField } from './dto/return-id.field';
import { trim } from '@dasv/common';
import { OdsCodeField } from '@dasv/organisations';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

@ArgsType()
export class ChaseLogArgs {
  @ReturnIdField()
  returnId!: string;

  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;
}

@InputType()
export class PauseChasingInput {
  @ReturnIdField()
  returnId!: string;

  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;

  @Field({ description: 'The last day of the agreed extension in England, e.g. 2026-12-18: chasing resumes after it' })
  @Transform(trim)
  @Matches(DAY_PATTERN, { message: 'Enter the date as year-month-day, like 2026-12-18' })
  @IsISO8601({ strict: true }, { message: 'Enter a real date' })
  until!: string;

  @Field({ description: 'Why, e.g. what was agreed and with whom; shown in the chase log and the audit trail' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'Enter a reason' })
  @MaxLength(1000, { message: 'Reason must be 1000 characters or fewer' })
  reason!: string;
}

@InputType()
export class ChaseNowInput {
  @ReturnIdField()
  returnId!: string;

  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;

  @Field({ nullable: true, description: 'A message added to the e-mail' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000, { message: 'Note must be 2000 characters or fewer' })
  note?: string;
}

@InputType()
export class ResumeChasingInput {
  @ReturnIdField()
  returnId!: string;

  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;
}
