import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { QuestionKind } from '../../question-kind';
import { trim } from '@dasv/common';
import { COURSE_SLUG_PATTERN } from '@dasv/completions';

/** Required text, trimmed, refused when blank. */
function TextField(label: string, max: number, options: { optional?: boolean; description?: string } = {}): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { nullable: options.optional, description: options.description }),
    ...(options.optional ? [IsOptional()] : []),
    Transform(trim),
    IsString(),
    IsNotEmpty({ message: `Enter ${label}` }),
    MaxLength(max, { message: `${capitalised(label)} must be ${max} characters or fewer` }),
  );
}

function capitalised(text: string): string {
  return text.replace(/^(a|an|the) /, '').replace(/^./, (c) => c.toUpperCase());
}

function IdField(what: string): PropertyDecorator {
  return applyDecorators(
    Field(() => ID),
    IsUUID('all', { message: `Choose a ${what} of this draft` }),
  );
}

function PositionField(): PropertyDecorator {
  return applyDecorators(
    Field(() => Int, { nullable: true, description: 'From 1; where to put it (on adding, the end when left out)' }),
    IsOptional(),
    IsInt({ message: 'Choose a position' }),
    Min(1, { message: 'Choose a position from 1' }),
  );
}

/** Which draft an edit is for: the course and the draft's version number, so an edit meant for a draft that has since been published is refused. */
@InputType({ isAbstract: true })
export abstract class DraftEditInput {
  @Field(() => String)
  @IsString()
  @MaxLength(100, { message: 'Course not found' })
  @Matches(COURSE_SLUG_PATTERN, { message: 'Course not found' })
  slug!: string;

  @Field(() => Int, { description: 'The draft’s version number' })
  @IsInt({ message: 'Choose a version' })
  @Min(1, { message: 'Choose a version' })
  version!: number;
}

@InputType()
export class DraftVersionInput extends DraftEditInput {}

@InputType()
export class DraftItemInput extends DraftEditInput {
  @Field(() => ID, { description: 'The module, page, knowledge check or bank question' })
  @IsUUID('all', { message: 'Choose an item of this draft' })
  id!: string;
}

@InputType()
export class UpdateCourseDraftSettingsInput extends DraftEditInput {
  @TextField('a title', 200, { optional: true })
  title?: string;

  @TextField('a summary', 1000, { optional: true })
  summary?: string;

  @TextField('a content warning', 2000, { optional: true, description: 'Shown before the course starts' })
  contentWarning?: string;

  @TextField('support text', 2000, { optional: true, description: 'Shown in the same place on every page' })
  supportText?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'Enter the pass mark as a whole number' })
  @Min(1, { message: 'The pass mark must be from 1 to 100' })
  @Max(100, { message: 'The pass mark must be from 1 to 100' })
  passMarkPercent?: number;

  @Field(() => Int, { nullable: true, description: 'How many bank questions each attempt draws' })
  @IsOptional()
  @IsInt({ message: 'Enter the number of questions as a whole number' })
  @Min(1, { message: 'The assessment must draw from 1 to 100 questions' })
  @Max(100, { message: 'The assessment must draw from 1 to 100 questions' })
  assessmentSize?: number;
}

@InputType()
export class AddCourseModuleInput extends DraftEditInput {
  @TextField('a module title', 200)
  title!: string;

  @PositionField()
  position?: number;
}

@InputType()
export class UpdateCourseModuleInput extends DraftEditInput {
  @IdField('module')
  moduleId!: string;

  @TextField('a module title', 200, { optional: true })
  title?: string;

  @PositionField()
  position?: number;
}

const BODY_DESCRIPTION =
  'Markdown: paragraphs, ## to #### headings, lists, **bold**, _italic_, > quotes, [links](https://…) (https, mailto, tel) and ![images](https://…) with alternative text';

@InputType()
export class AddCoursePageInput extends DraftEditInput {
  @IdField('module')
  moduleId!: string;

  @TextField('a page title', 200)
  title!: string;

  @Field(() => String, { description: BODY_DESCRIPTION })
  @Transform(trim)
  @IsString()
  @MaxLength(20_000, { message: 'A page must be 20,000 characters or fewer' })
  bodyMarkdown!: string;

  @PositionField()
  position?: number;
}

@InputType()
export class UpdateCoursePageInput extends DraftEditInput {
  @IdField('page')
  pageId!: string;

  @TextField('a page title', 200, { optional: true })
  title?: string;

  @Field(() => String, { nullable: true, description: BODY_DESCRIPTION })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(20_000, { message: 'A page must be 20,000 characters or fewer' })
  bodyMarkdown?: string;

  @PositionField()
  position?: number;
}

@InputType()
export class QuestionOptionInput {
  @TextField('the answer', 300)
  label!: string;

  @Field()
  @IsBoolean()
  correct!: boolean;
}

@InputType({ isAbstract: true })
export abstract class QuestionInput extends DraftEditInput {
  @Field(() => QuestionKind)
  @IsEnum(QuestionKind, { message: 'Choose single or multiple choice' })
  kind!: QuestionKind;

  @TextField('the question', 500)
  prompt!: string;

  @Field(() => [QuestionOptionInput], { description: 'In the order shown; their ids are a, b, c… in that order' })
  @IsArray()
  @ArrayMaxSize(8, { message: 'Give at most 8 answers' })
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionInput)
  options!: QuestionOptionInput[];
}

@InputType()
export class AddKnowledgeCheckInput extends QuestionInput {
  @IdField('page')
  pageId!: string;

  @TextField('the feedback', 1000, { description: 'Shown once the learner has answered' })
  feedback!: string;
}

@InputType()
export class UpdateKnowledgeCheckInput extends QuestionInput {
  @IdField('knowledge check')
  checkId!: string;

  @TextField('the feedback', 1000)
  feedback!: string;
}

@InputType()
export class AddAssessmentQuestionInput extends QuestionInput {
  /** The module that teaches the answer: a learner who gets it wrong is sent back there. */
  @IdField('module')
  moduleId!: string;
}

@InputType()
export class UpdateAssessmentQuestionInput extends QuestionInput {
  @IdField('bank question')
  questionId!: string;

  @IdField('module')
  moduleId!: string;
}
