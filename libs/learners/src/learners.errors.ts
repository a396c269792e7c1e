import { AppError, ErrorCode } from '@dasv/common';

/** Specific reasons within the general codes; part of the API like the codes themselves. */
export enum LearnersErrorReason {
  UnknownOrganisation = 'LEARNER_UNKNOWN_ORGANISATION',
  NotWorkEmail = 'LEARNER_NOT_WORK_EMAIL',
  RegistrationRateLimited = 'LEARNER_REGISTRATION_RATE_LIMITED',
  /** The file as a whole: unreadable, no header row, missing columns, no rows, too many rows. */
  CsvUnreadable = 'LEARNER_CSV_UNREADABLE',
  /** One or more rows of a staff list are wrong; extensions.fields lists them by row number. */
  StaffListInvalid = 'LEARNER_STAFF_LIST_INVALID',
  /** One or more rows of a completions file are wrong; extensions.fields lists them by row number. */
  CompletionsInvalid = 'LEARNER_COMPLETIONS_INVALID',
  UnknownCourse = 'LEARNER_UNKNOWN_COURSE',
  /** The list would change a headcount an administrator entered, and no choice was given (field `headcount`). */
  HeadcountChoiceNeeded = 'LEARNER_HEADCOUNT_CHOICE_NEEDED',
  /** A checked staff list that has expired, was confirmed already, or belongs to someone else. */
  StaffListUploadExpired = 'LEARNER_STAFF_LIST_UPLOAD_EXPIRED',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
export const learnersError = AppError.for(LearnersErrorReason, {
  UnknownOrganisation: ErrorCode.BadUserInput,
  NotWorkEmail: ErrorCode.BadUserInput,
  RegistrationRateLimited: ErrorCode.TooManyRequests,
  CsvUnreadable: ErrorCode.BadUserInput,
  StaffListInvalid: ErrorCode.BadUserInput,
  CompletionsInvalid: ErrorCode.BadUserInput,
  UnknownCourse: ErrorCode.BadUserInput,
  HeadcountChoiceNeeded: ErrorCode.BadUserInput,
  StaffListUploadExpired: ErrorCode.BadUserInput,
});
