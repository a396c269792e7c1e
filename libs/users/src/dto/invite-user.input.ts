import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { PageArgs, trim } from '@dasv/common';
import { Role } from '@dasv/auth';
import { ODS_CODE_MESSAGE, ODS_CODE_PATTERN, OdsCodeField } from '@dasv/organisations';

@InputType()
export class InviteUserInput {
  @Field()
  @Transform(trim)
  @IsEmail({}, { message: 'Enter an e-mail address in the correct format, like name@nhs.net' })
  @MaxLength(254, { message: 'E-mail address must be 254 characters or fewer' })
  email!: string;

  @Field()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'Enter a name' })
  @MaxLength(200, { message: 'Name must be 200 characters or fewer' })
  name!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200, { message: 'Job title must be 200 characters or fewer' })
  jobTitle?: string;

  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;

  @Field(() => Role)
  @IsEnum(Role, { message: 'Choose a role' })
  role!: Role;
}

@InputType()
export class GrantRoleInput {
  @Field(() => ID)
  @IsUUID('4', { message: 'userId must be a user id' })
  userId!: string;

  @OdsCodeField('organisationOdsCode')
  organisationOdsCode!: string;

  @Field(() => Role)
  @IsEnum(Role, { message: 'Choose a role' })
  role!: Role;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field({ nullable: true, description: 'ODS code: only users of this organisation and those beneath it' })
  @IsOptional()
  @Matches(ODS_CODE_PATTERN, { message: `organisation ${ODS_CODE_MESSAGE}` })
  organisation?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => Role, { nullable: true, description: 'Only people who hold this role' })
  @IsOptional()
  @IsEnum(Role, { message: 'Choose a role from the list' })
  role?: Role;
}

@ArgsType()
export class UserArgs {
  @Field(() => ID)
  @IsUUID('4', { message: 'id must be a user id' })
  id!: string;
}

@ArgsType()
export class InviteeArgs {
  @Field(() => ID, { description: 'The person invited' })
  @IsUUID('4', { message: 'userId must be a user id' })
  userId!: string;
}
