import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ODS_CODE_PATTERN } from '@dasv/organisations';
import { UNDERSTANDING_SEXUAL_MISCONDUCT_V1 } from '@dasv/elearning';
import { ListQuery } from '../shared/pagination';

/** The course the pages report on unless a link names another. */
export const DEFAULT_REPORT_COURSE = UNDERSTANDING_SEXUAL_MISCONDUCT_V1.slug;

/** The query string of the report pages: which course, and for the CSV, which organisation. */
export class ReportQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'The link is not right' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'The link is not right' })
  course?: string;

  @IsOptional()
  @Matches(ODS_CODE_PATTERN, { message: 'The link is not right' })
  odsCode?: string;
}

/** A page of learners not yet completed. */
export class NotCompletedQuery extends ListQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'The link is not right' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'The link is not right' })
  course?: string;
}

/** What the dashboard's buttons ask for; they post to the dashboard's own address. */
export class ReportActionForm {
  @IsIn(['remind', 'schedule-on', 'schedule-off'], { message: 'Choose what to do' })
  action!: 'remind' | 'schedule-on' | 'schedule-off';
}
