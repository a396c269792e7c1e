import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageArgs, trim } from '@dasv/common';
import { OrganisationType } from '../entities/organisation.entity';

export const ODS_CODE_PATTERN = /^[A-Z0-9]{3,6}$/i;
export const ODS_CODE_MESSAGE = 'must be an ODS code: 3 to 6 letters and digits';

@ArgsType()
export class OrganisationArgs {
  @Field()
  @Matches(ODS_CODE_PATTERN, { message: `odsCode ${ODS_CODE_MESSAGE}` })
  odsCode!: string;
}

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationType, { nullable: true })
  @IsOptional()
  @IsEnum(OrganisationType)
  type?: OrganisationType;

  @Field({ nullable: true, description: 'ODS code of the direct parent' })
  @IsOptional()
  @Matches(ODS_CODE_PATTERN, { message: `parent ${ODS_CODE_MESSAGE}` })
  parent?: string;

  @Field({ nullable: true, description: 'ODS code of any ancestor: a region or an ICB' })
  @IsOptional()
  @Matches(ODS_CODE_PATTERN, { message: `within ${ODS_CODE_MESSAGE}` })
  within?: string;

  @Field({ nullable: true, description: 'ODS code of a region (shorthand for within)' })
  @IsOptional()
  @Matches(ODS_CODE_PATTERN, { message: `region ${ODS_CODE_MESSAGE}` })
  region?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeInactive?: boolean;
}

/**
 * A required ODS code argument or input field, trimmed, with the standard message naming the field:
 * every feature that takes an organisation by code declares it the same way.
 */
export function OdsCodeField(name: string, description?: string): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { description }),
    Transform(trim),
    Matches(ODS_CODE_PATTERN, { message: `${name} ${ODS_CODE_MESSAGE}` }),
  );
}
