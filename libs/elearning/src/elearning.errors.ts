export enum ElearningErrorReason {
  CourseNotFound = 'ELEARNING_COURSE_NOT_FOUND',
  NotStarted = 'ELEARNING_COURSE_NOT_STARTED',
  PageNotInVersion = 'ELEARNING_PAGE_NOT_IN_VERSION',
  InvalidAnswer = 'ELEARNING_INVALID_ANSWER',
}
