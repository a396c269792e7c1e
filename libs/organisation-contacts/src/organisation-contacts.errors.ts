import { AppError, ErrorCode } from '@dasv/common';

/** Specific reasons within the general codes; part of the API like the codes themselves: add, never rename. */
export enum OrganisationContactErrorReason {
  UnknownOrganisation = 'ORGANISATION_CONTACT_UNKNOWN_ORGANISATION',
  NotFound = 'ORGANISATION_CONTACT_NOT_FOUND',
  /** A person's role (chief executive, chief people officer) without their name. */
  NameRequired = 'ORGANISATION_CONTACT_NAME_REQUIRED',
  /** The file as a whole: unreadable, no header row, missing columns, no rows, too many rows. */
  CsvUnreadable = 'ORGANISATION_CONTACT_CSV_UNREADABLE',
  /** One or more rows of a contacts file are wrong; extensions.fields lists them by "row N". */
  ImportInvalid = 'ORGANISATION_CONTACT_IMPORT_INVALID',
  /** One or more rows of an administrator invitations file are wrong; extensions.fields lists them by "row N". */
  InvitationImportInvalid = 'ORGANISATION_CONTACT_INVITATION_IMPORT_INVALID',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
export const organisationContactError = AppError.for(OrganisationContactErrorReason, {
  UnknownOrganisation: ErrorCode.NotFound,
  NotFound: ErrorCode.NotFound,
  NameRequired: ErrorCode.BadUserInput,
  CsvUnreadable: ErrorCode.BadUserInput,
  ImportInvalid: ErrorCode.BadUserInput,
  InvitationImportInvalid: ErrorCode.BadUserInput,
});
