import { ArgsType, Field, ID, IntersectionType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageArgs } from '@dasv/common';
import { LeadRole } from '@dasv/leads';
import { ODS_CODE_MESSAGE, ODS_CODE_PATTERN } from '@dasv/organisations';

/**
 * A blank filter is no filter: a search form sends every box, filled in or not, and a GraphQL
 * client clearing a box sends "" as well.
 */
const blankAsAbsent = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

/** What narrows the directory, shared by the search and the export. */
@ArgsType()
export class DirectoryFilterArgs {
  @Field({ nullable: true, description: "Part of a lead's name or of one of their areas of interest; small typing mistakes are forgiven" })
  @IsOptional()
  @Transform(blankAsAbsent)
  @IsString()
  @MaxLength(100, { message: 'Search for 100 characters or fewer' })
  search?: string;

  @Field({ nullable: true, description: 'ODS code, or part of the name, of the organisation they are a lead at' })
  @IsOptional()
  @Transform(blankAsAbsent)
  @IsString()
  @MaxLength(100, { message: 'Organisation must be 100 characters or fewer' })
  organisation?: string;

  @Field({ nullable: true, description: 'ODS code of an ICB: leads at the ICB and at its trusts' })
  @IsOptional()
  @Transform(blankAsAbsent)
  @Matches(ODS_CODE_PATTERN, { message: `icb ${ODS_CODE_MESSAGE}` })
  icb?: string;

  @Field({ nullable: true, description: 'ODS code of a region: leads at the region and anywhere beneath it' })
  @IsOptional()
  @Transform(blankAsAbsent)
  @Matches(ODS_CODE_PATTERN, { message: `region ${ODS_CODE_MESSAGE}` })
  region?: string;

  @Field(() => LeadRole, { nullable: true })
  @IsOptional()
  @Transform(blankAsAbsent)
  @IsEnum(LeadRole, { message: 'Choose executive, operational or senior' })
  leadRole?: LeadRole;
}

@ArgsType()
export class DirectoryArgs extends IntersectionType(DirectoryFilterArgs, PageArgs, ArgsType) {}

@ArgsType()
export class DirectoryLeadArgs {
  @Field(() => ID, { description: "The lead's user id" })
  @IsUUID('4', { message: 'id must be a user id' })
  id!: string;
}
