import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { COURSE_SLUG_PATTERN } from '@dasv/completions';
import { CHOOSE_AN_ANSWER } from '../answer-rules';

/**
 * The most time one visit to a course page may add, however it is measured: the API takes what the
 * client says up to this, and the pages cap the time they measure at it. It bounds what a tab left
 * open for hours can add.
 */
export const MAX_SECONDS_PER_VISIT = 60 * 60;

/** A course's slug; anything malformed reads as a course that does not exist. */
function SlugField(): PropertyDecorator {
  return applyDecorators(
    Field(() => String),
    IsString(),
    MaxLength(100, { message: 'Course not found' }),
    Matches(COURSE_SLUG_PATTERN, { message: 'Course not found' }),
  );
}

/** The options chosen for one question (knowledge check or assessment). */
function OptionIdsField(): PropertyDecorator {
  return applyDecorators(
    Field(() => [ID]),
    IsArray(),
    ArrayNotEmpty({ message: CHOOSE_AN_ANSWER }),
    ArrayMaxSize(20),
    ArrayUnique({ message: 'Choose each answer once' }),
    IsString({ each: true }),
    MaxLength(20, { each: true }),
  );
}

@ArgsType()
export class CourseArgs {
  @SlugField()
  slug!: string;
}

@InputType()
export class CheckAnswerInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Answer a question on this page' })
  checkId!: string;

  @OptionIdsField()
  optionIds!: string[];
}

@InputType()
export class SaveCoursePageInput {
  @SlugField()
  slug!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'Choose a page of this course' })
  pageId!: string;

  @Field(() => [CheckAnswerInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CheckAnswerInput)
  answers?: CheckAnswerInput[];

  @Field(() => Int, { description: 'Seconds spent on the page since the last save' })
  @IsInt({ message: 'Time spent must be a whole number of seconds' })
  @Min(0, { message: 'Time spent cannot be negative' })
  @Max(MAX_SECONDS_PER_VISIT, { message: 'Time spent per save must be an hour or less' })
  timeSpentSeconds!: number;
}

@InputType()
export class AssessmentAnswerInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Answer a question of this attempt' })
  questionId!: string;

  @OptionIdsField()
  optionIds!: string[];
}

@InputType()
export class SubmitAssessmentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Assessment attempt not found' })
  attemptId!: string;

  @Field(() => [AssessmentAnswerInput])
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AssessmentAnswerInput)
  answers!: AssessmentAnswerInput[];
}
