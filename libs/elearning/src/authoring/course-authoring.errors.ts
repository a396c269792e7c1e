import { AppError, ErrorCode } from '@dasv/common';

/** Reasons for refusals while writing and publishing course versions; part of the API: add, never rename. */
export enum CourseAuthoringErrorReason {
  /** A course has at most one draft: edit that one, or publish it first. */
  DraftExists = 'ELEARNING_DRAFT_EXISTS',
  VersionNotFound = 'ELEARNING_VERSION_NOT_FOUND',
  /** Published and retired versions are never edited: learners are pinned to them. */
  VersionNotEditable = 'ELEARNING_VERSION_NOT_EDITABLE',
  /** A module, page, knowledge check or bank question that is not in this draft. */
  DraftItemNotFound = 'ELEARNING_DRAFT_ITEM_NOT_FOUND',
  /** Publishing refused: the problems are listed per field. */
  DraftInvalid = 'ELEARNING_DRAFT_INVALID',
  DraftTooLarge = 'ELEARNING_DRAFT_TOO_LARGE',
  PositionInvalid = 'ELEARNING_POSITION_INVALID',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
export const courseAuthoringError = AppError.for(CourseAuthoringErrorReason, {
  DraftExists: ErrorCode.Conflict,
  VersionNotFound: ErrorCode.NotFound,
  VersionNotEditable: ErrorCode.Conflict,
  DraftItemNotFound: ErrorCode.NotFound,
  DraftInvalid: ErrorCode.BadUserInput,
  DraftTooLarge: ErrorCode.BadUserInput,
  PositionInvalid: ErrorCode.BadUserInput,
});
