import { AppError, ErrorCode } from '@dasv/common';

/** Specific reasons within the general codes; part of the API like the codes themselves. */
export enum DirectoryErrorReason {
  /** No such person in the directory: never a lead, or their account is closed. */
  LeadNotFound = 'DIRECTORY_LEAD_NOT_FOUND',
  /** Only DASV leads have a directory profile to edit. */
  NotALead = 'DIRECTORY_NOT_A_LEAD',
  /** An ICB or region filter names no organisation on the platform. */
  UnknownOrganisation = 'DIRECTORY_UNKNOWN_ORGANISATION',
  /** An ICB filter that is not an ICB, or a region filter that is not a region. */
  WrongOrganisationType = 'DIRECTORY_WRONG_ORGANISATION_TYPE',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
export const directoryError = AppError.for(DirectoryErrorReason, {
  LeadNotFound: ErrorCode.NotFound,
  NotALead: ErrorCode.Forbidden,
  UnknownOrganisation: ErrorCode.BadUserInput,
  WrongOrganisationType: ErrorCode.BadUserInput,
});
