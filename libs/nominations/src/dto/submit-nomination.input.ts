import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsOptional, IsPhoneNumber, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ReturnIdField } from './return-id.field';
import { trim } from '@dasv/common';
import { OdsCodeField } from '@dasv/organisations';

/** Operational leads one organisation may name; more than this is a mistake, not a team. */
export const MAX_OPERATIONAL_LEADS = 10;

/** A UK number unless it starts with +, read by libphonenumber (through class-validator): spaces, brackets and an extension ("ext. 123") as people write them. */
export const PHONE_REGION = 'GB';
export const PHONE_MESSAGE = 'Enter a telephone number, like 020 7946 0000, or with an extension, like 020 7946 0000 ext. 123';

@InputType({ description: 'A person named as a lead' })
export class LeadInput {
  @Field()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'Enter their full name' })
  @MaxLength(200, { message: 'Name must be 200 characters or fewer' })
  name!: string;

  @Field()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'Enter their job title' })
  @MaxLength(200, { message: 'Job title must be 200 characters or fewer' })
  jobTitle!: string;

  @Field()
  @Transform(trim)
  @IsEmail({}, { message: 'Enter an e-mail address in the correct format, like name@nhs.net' })
  @MaxLength(254, { message: 'E-mail address must be 254 characters or fewer' })
  email!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40, { message: PHONE_MESSAGE })
  @IsPhoneNumber(PHONE_REGION, { message: PHONE_MESSAGE })
  phone?: string;
}

@InputType({ description: 'The executive lead, who must sit on the organisation’s executive team' })
export class ExecutiveLeadInput extends LeadInput {
  @Field({ description: 'Confirms that they sit on the executive team (board)' })
  @IsBoolean({ message: 'Say whether they sit on the executive team' })
  onExecutiveTeam!: boolean;
}

@InputType()
export class SubmitNominationInput {
  @ReturnIdField()
  returnId!: string;

  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;

  @Field(() => ExecutiveLeadInput, { nullable: true, description: 'Trusts and ICBs: required' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExecutiveLeadInput)
  executiveLead?: ExecutiveLeadInput;

  @Field(() => [LeadInput], { nullable: true, description: 'Trusts and ICBs: none or more' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OPERATIONAL_LEADS, { message: `Name at most ${MAX_OPERATIONAL_LEADS} operational leads` })
  @ValidateNested({ each: true })
  @Type(() => LeadInput)
  operationalLeads?: LeadInput[];

  @Field(() => LeadInput, { nullable: true, description: 'Regions: required, instead of executive and operational leads' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeadInput)
  seniorLead?: LeadInput;
}

@ArgsType()
export class DecideSubmissionArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a submission id' })
  id!: string;

  @Field({ description: 'True accepts the submission (its nominees become leads); false rejects it' })
  @IsBoolean()
  accept!: boolean;

  @Field({ nullable: true, description: 'Why it is rejected: required to reject, and e-mailed to the organisation' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000, { message: 'The reason must be 2000 characters or fewer' })
  reason?: string;
}

@ArgsType()
export class NominationFormArgs {
  @ReturnIdField()
  returnId!: string;

  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;
}

@InputType()
export class HandOverLeadInput {
  @Field(() => ID, { description: 'The current lead who is leaving' })
  @IsUUID('all', { message: 'leadId must be a lead id' })
  leadId!: string;

  @Field(() => LeadInput)
  @ValidateNested()
  @Type(() => LeadInput)
  successor!: LeadInput;
}
