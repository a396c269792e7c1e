import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { trim } from '@dasv/common';

const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? (value as unknown[]).map((item) => (typeof item === 'string' ? item.trim() : item)) : value;
/** An emptied box removes the number rather than storing "". */
const blankAsNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

export const BIO_MAX_LENGTH = 1000;
export const AREAS_OF_INTEREST_MAX = 10;
export const AREA_OF_INTEREST_MAX_LENGTH = 60;

/** Digits with the spaces, brackets, hyphens and leading + people write UK and international numbers with. */
const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{5,28}[0-9]$/;

/**
 * What a lead says about themselves in the directory. Every field is optional: one left out keeps
 * its saved value; `phone: null` (or "") removes the number.
 */
@InputType()
export class UpdateLeadProfileInput {
  @Field(() => String, { nullable: true, description: 'Null or empty removes it' })
  @IsOptional()
  @Transform(blankAsNull)
  @IsString()
  @MaxLength(30, { message: 'Telephone number must be 30 characters or fewer' })
  @Matches(PHONE_PATTERN, { message: 'Enter a telephone number, like 020 7946 0000 or +44 20 7946 0000' })
  phone?: string | null;

  @Field({ nullable: true, description: `A short introduction, up to ${BIO_MAX_LENGTH} characters` })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(BIO_MAX_LENGTH, { message: `About you must be ${BIO_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer` })
  bio?: string;

  @Field(() => [String], { nullable: true, description: `Up to ${AREAS_OF_INTEREST_MAX}, each up to ${AREA_OF_INTEREST_MAX_LENGTH} characters` })
  @IsOptional()
  @Transform(trimEach)
  @IsArray({ message: 'Areas of interest must be a list' })
  @ArrayMaxSize(AREAS_OF_INTEREST_MAX, { message: `Give up to ${AREAS_OF_INTEREST_MAX} areas of interest` })
  @IsString({ each: true, message: 'Each area of interest must be text' })
  @MinLength(1, { each: true, message: 'An area of interest cannot be blank' })
  @MaxLength(AREA_OF_INTEREST_MAX_LENGTH, { each: true, message: `Each area of interest must be ${AREA_OF_INTEREST_MAX_LENGTH} characters or fewer` })
  @ArrayUnique((area: unknown) => (typeof area === 'string' ? area.toLowerCase() : area), { message: 'List each area of interest only once' })
  areasOfInterest?: string[];

  @Field({ nullable: true, description: 'Whether other leads see your e-mail address' })
  @IsOptional()
  @IsBoolean({ message: 'Choose whether to show your e-mail address' })
  showEmail?: boolean;

  @Field({ nullable: true, description: 'Whether other leads see your telephone number' })
  @IsOptional()
  @IsBoolean({ message: 'Choose whether to show your telephone number' })
  showPhone?: boolean;
}
