import { AppError, ErrorCode } from '@dasv/common';

export enum ElearningErrorReason {
  CourseNotFound = 'ELEARNING_COURSE_NOT_FOUND',
  NotStarted = 'ELEARNING_COURSE_NOT_STARTED',
  PageNotInVersion = 'ELEARNING_PAGE_NOT_IN_VERSION',
  InvalidAnswer = 'ELEARNING_INVALID_ANSWER',
  PagesIncomplete = 'ELEARNING_PAGES_INCOMPLETE',
  AttemptNotFound = 'ELEARNING_ATTEMPT_NOT_FOUND',
  AttemptAlreadySubmitted = 'ELEARNING_ATTEMPT_ALREADY_SUBMITTED',
}

/**
 * The errors of this feature, made by reason: each reason's code is set here, once. A page that is
 * not in the learner's version is bad input when a mutation names it, and has long been a missing
 * page (NOT_FOUND) when its address does; the second keeps its code under a second name.
 */
export const elearningError = AppError.for(
  { ...ElearningErrorReason, PageNotInVersionAtAddress: ElearningErrorReason.PageNotInVersion },
  {
    CourseNotFound: ErrorCode.NotFound,
    NotStarted: ErrorCode.Conflict,
    PageNotInVersion: ErrorCode.BadUserInput,
    InvalidAnswer: ErrorCode.BadUserInput,
    PagesIncomplete: ErrorCode.Conflict,
    AttemptNotFound: ErrorCode.NotFound,
    AttemptAlreadySubmitted: ErrorCode.Conflict,
    PageNotInVersionAtAddress: ErrorCode.NotFound,
  },
);
