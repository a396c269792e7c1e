export enum ElearningErrorReason {
  CourseNotFound = 'ELEARNING_COURSE_NOT_FOUND',
  NotStarted = 'ELEARNING_COURSE_NOT_STARTED',
  PageNotInVersion = 'ELEARNING_PAGE_NOT_IN_VERSION',
  InvalidAnswer = 'ELEARNING_INVALID_ANSWER',
  PagesIncomplete = 'ELEARNING_PAGES_INCOMPLETE',
  AttemptNotFound = 'ELEARNING_ATTEMPT_NOT_FOUND',
  AttemptAlreadySubmitted = 'ELEARNING_ATTEMPT_ALREADY_SUBMITTED',
}
