import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { trim } from '@dasv/common';
import { OdsCodeField } from '@dasv/organisations';
import { NAMED_CONTACT_ROLES, OrganisationContactRole } from '../contact-role';

/** Contact files are one row per contact: 5 000 rows cover every organisation in England several times over. */
export const CONTACT_CSV_MAX_ROWS = 5_000;
/** About 100 bytes a row. */
export const CONTACT_CSV_MAX_CHARACTERS = 1024 * 1024;

@InputType()
export class SetOrganisationContactInput {
  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;

  @Field(() => OrganisationContactRole)
  @IsEnum(OrganisationContactRole, { message: 'Choose whom this contact is' })
  role!: OrganisationContactRole;

  @Field(() => String, { nullable: true, description: 'Needed for a chief executive or chief people officer; optional for an office' })
  // Checked with the other fields, so a form hears about a missing name and a bad address at once.
  // Decorators apply bottom up: the "Enter the person’s name" messages come first.
  @ValidateIf((input: SetOrganisationContactInput) => NAMED_CONTACT_ROLES.has(input.role) || (typeof input.name === 'string' && input.name !== ''))
  @MaxLength(200, { message: 'Name must be 200 characters or fewer' })
  @MinLength(1, { message: 'Enter the person’s name' })
  @IsString({ message: 'Enter the person’s name' })
  @Transform(trim)
  // Absent is blank: an office may have no name, a person must have one.
  name?: string = '';

  @Field()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'Enter an e-mail address' })
  @IsEmail({}, { message: 'Enter an e-mail address in the correct format, like name@nhs.net' })
  @MaxLength(254, { message: 'E-mail address must be 254 characters or fewer' })
  email!: string;
}

@InputType()
export class RemoveOrganisationContactInput {
  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;

  @Field(() => OrganisationContactRole)
  @IsEnum(OrganisationContactRole, { message: 'Choose whom this contact is' })
  role!: OrganisationContactRole;
}

@ArgsType()
export class ContactCsvArgs {
  @Field({ description: 'The file’s text, with a header row' })
  @IsString()
  @MaxLength(CONTACT_CSV_MAX_CHARACTERS, { message: 'The file must be 1 MB or smaller' })
  csv!: string;
}
