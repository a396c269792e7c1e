import { ArgsType, Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageArgs, trim } from '@dasv/common';
import { OdsCodeField } from '@dasv/organisations';
import { LEARNER_CSV_MAX_BYTES } from '../learner-csv';

/** Where imported completions come from; completions taken here are recorded by the course itself. */
export enum ImportedCompletionSource {
  ELFH = 'ELFH',
  ESR = 'ESR',
}
registerEnumType(ImportedCompletionSource, {
  name: 'ImportedCompletionSource',
  description: 'ELFH: the e-Learning for Healthcare hub; ESR: the Electronic Staff Record',
});

/**
 * What a staff list does to a headcount an administrator entered: it is never replaced silently.
 * Without a choice, an upload that would change an entered headcount is refused.
 */
export enum StaffListHeadcountChoice {
  KEEP_ENTERED = 'KEEP_ENTERED',
  USE_LIST = 'USE_LIST',
}
registerEnumType(StaffListHeadcountChoice, {
  name: 'StaffListHeadcountChoice',
  description: 'KEEP_ENTERED: keep the headcount an administrator entered; USE_LIST: make it the number of people in the list',
});

export const DEFAULT_COURSE_SLUG = 'understanding-sexual-misconduct';
/** The largest headcount any NHS organisation could have (NHS England's whole workforce is ~1.5 million). */
export const MAX_HEADCOUNT = 2_000_000;

@InputType()
export class RegisterLearnerInput {
  @Field()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'Enter your full name' })
  @MaxLength(200, { message: 'Name must be 200 characters or fewer' })
  name!: string;

  @Field()
  @Transform(trim)
  @IsEmail({}, { message: 'Enter an e-mail address in the correct format, like name@nhs.net' })
  @MaxLength(254, { message: 'E-mail address must be 254 characters or fewer' })
  email!: string;

  @OdsCodeField('odsCode', 'The organisation you work for: NHS England, a region, an ICB or a trust')
  odsCode!: string;
}

@InputType()
export class UploadStaffListInput {
  @OdsCodeField('odsCode', 'The organisation whose staff these are')
  odsCode!: string;

  @Field({ description: 'CSV with a header row: email, name and optionally job title' })
  @IsString()
  @MaxLength(LEARNER_CSV_MAX_BYTES, { message: `The file must be ${LEARNER_CSV_MAX_BYTES / 1024 / 1024} MB or smaller` })
  csv!: string;

  @Field(() => StaffListHeadcountChoice, {
    nullable: true,
    description: 'Needed when an administrator entered the headcount and the list has a different number of people (see checkStaffList)',
  })
  @IsOptional()
  @IsEnum(StaffListHeadcountChoice, { message: 'Choose whether to keep the headcount entered or use the number of people in the list' })
  headcount?: StaffListHeadcountChoice;
}

@InputType({ description: 'A staff list checked by checkStaffList, to be uploaded as it was checked' })
export class ConfirmStaffListInput {
  @Field({ description: 'The uploadId checkStaffList gave' })
  @IsUUID('4', { message: 'This upload has expired or is not yours: upload the staff list again' })
  uploadId!: string;

  @Field(() => StaffListHeadcountChoice, { nullable: true, description: 'As for uploadStaffList' })
  @IsOptional()
  @IsEnum(StaffListHeadcountChoice, { message: 'Choose whether to keep the headcount entered or use the number of people in the list' })
  headcount?: StaffListHeadcountChoice;
}

@InputType()
export class SetHeadcountInput {
  @OdsCodeField('odsCode')
  odsCode!: string;

  @Field(() => Int, { description: 'Staff in post: the denominator of the completion rate' })
  @IsInt({ message: 'Enter the headcount as a whole number, like 4500' })
  @Min(0, { message: 'The headcount cannot be negative' })
  @Max(MAX_HEADCOUNT, { message: `The headcount must be ${MAX_HEADCOUNT.toLocaleString('en-GB')} or fewer` })
  headcount!: number;
}

@InputType()
export class ImportCompletionsInput {
  @OdsCodeField('odsCode', 'The importing organisation: completions of people without an account are credited to it')
  odsCode!: string;

  @Field(() => ImportedCompletionSource)
  @IsEnum(ImportedCompletionSource, { message: 'Choose where the completions come from: e-LfH or ESR' })
  source!: ImportedCompletionSource;

  @Field({ description: 'CSV with a header row: email and completion date (2025-01-31 or 31/01/2025)' })
  @IsString()
  @MaxLength(LEARNER_CSV_MAX_BYTES, { message: `The file must be ${LEARNER_CSV_MAX_BYTES / 1024 / 1024} MB or smaller` })
  csv!: string;

  @Field({ nullable: true, defaultValue: DEFAULT_COURSE_SLUG, description: 'The course completed, by slug' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,100}$/, { message: 'course must be a course slug, like understanding-sexual-misconduct' })
  course?: string;
}

@ArgsType()
export class OrganisationStaffArgs {
  @OdsCodeField('odsCode')
  odsCode!: string;
}

@ArgsType()
export class ManagedOrganisationsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Part of a name, or an ODS code' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  search?: string;
}

/** Fewer characters than this find too much to choose from; the registration page asks for more too. */
export const REGISTRATION_SEARCH_MIN_LENGTH = 2;

@ArgsType()
export class RegistrationOrganisationsArgs {
  @Field({ description: 'Part of a name, or an ODS code' })
  @Transform(trim)
  @IsString()
  @MinLength(REGISTRATION_SEARCH_MIN_LENGTH, {
    message: `Enter at least ${REGISTRATION_SEARCH_MIN_LENGTH} characters of your organisation’s name or its ODS code`,
  })
  @MaxLength(100, { message: 'Search with 100 characters or fewer' })
  search!: string;
}
