import { AppError, ErrorCode } from '@dasv/common';

/** Specific reasons within the general codes; part of the API like the codes themselves. */
export enum LearningReportErrorReason {
  /** No course has that slug (NOT_FOUND). */
  CourseNotFound = 'LEARNING_REPORT_COURSE_NOT_FOUND',
  /** Reminders would link learners to a course nobody can start (CONFLICT). */
  CourseNotPublished = 'LEARNING_REPORT_COURSE_NOT_PUBLISHED',
  /** A closed organisation has no staff to remind (BAD_USER_INPUT, field odsCode). */
  OrganisationClosed = 'LEARNING_REPORT_ORGANISATION_CLOSED',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
export const learningReportError = AppError.for(LearningReportErrorReason, {
  CourseNotFound: ErrorCode.NotFound,
  CourseNotPublished: ErrorCode.Conflict,
  OrganisationClosed: ErrorCode.BadUserInput,
});
