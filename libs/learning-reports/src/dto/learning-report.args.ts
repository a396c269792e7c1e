import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageArgs, trim } from '@dasv/common';
import { ODS_CODE_MESSAGE, ODS_CODE_PATTERN, OdsCodeField } from '@dasv/organisations';
import { COURSE_SLUG_PATTERN } from '@dasv/completions';

/** The longest trend a dashboard shows: a year, leap or not. */
export const MAX_TREND_DAYS = 366;
export const DEFAULT_TREND_DAYS = 90;

function SlugField(): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { description: 'The course, by slug, like understanding-sexual-misconduct' }),
    IsString(),
    MaxLength(100, { message: 'slug must be a course slug, like understanding-sexual-misconduct' }),
    Matches(COURSE_SLUG_PATTERN, { message: 'slug must be a course slug, like understanding-sexual-misconduct' }),
  );
}

/** An optional organisation: left out, the widest one the caller looks after. */
function OptionalOdsCodeField(description: string): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { nullable: true, description }),
    IsOptional(),
    Transform(trim),
    Matches(ODS_CODE_PATTERN, { message: `odsCode ${ODS_CODE_MESSAGE}` }),
  );
}

@ArgsType()
export class LearningReportArgs {
  @SlugField()
  slug!: string;

  @OptionalOdsCodeField('The organisation reported on; left out, the widest one you look after')
  odsCode?: string;
}

@ArgsType()
export class CompletionDashboardArgs extends LearningReportArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_TREND_DAYS, description: 'How many days, up to today, the trend covers' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: `trendDays must be between 1 and ${MAX_TREND_DAYS}` })
  @Max(MAX_TREND_DAYS, { message: `trendDays must be between 1 and ${MAX_TREND_DAYS}` })
  trendDays?: number = DEFAULT_TREND_DAYS;
}

@ArgsType()
export class LearnersNotCompletedArgs extends PageArgs {
  @SlugField()
  slug!: string;

  @OptionalOdsCodeField('The organisation whose own staff are listed (not those of organisations beneath it); left out, the widest one you look after')
  odsCode?: string;
}

@InputType()
export class SendCourseRemindersInput {
  @SlugField()
  slug!: string;

  @OdsCodeField('odsCode', 'Learners of this organisation and every organisation beneath it are reminded')
  odsCode!: string;
}

@InputType()
export class SetCourseReminderScheduleInput {
  @SlugField()
  slug!: string;

  @OdsCodeField('odsCode', 'The organisation whose learners (and those beneath it) are reminded each month')
  odsCode!: string;

  @Field({ description: 'True: remind every month on the first working day; false: stop' })
  @IsBoolean()
  enabled!: boolean;
}
