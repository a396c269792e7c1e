import { AppError, ErrorCode, ReasonCodes } from '@dasv/common';

/** Specific reasons within the general codes; part of the API like the codes themselves. */
export enum OrganisationErrorReason {
  NotFound = 'ORGANISATION_NOT_FOUND',
  ImportUnknownParent = 'ORGANISATION_IMPORT_UNKNOWN_PARENT',
  ImportInvalidFile = 'ORGANISATION_IMPORT_INVALID_FILE',
  ImportConflictingRows = 'ORGANISATION_IMPORT_CONFLICTING_ROWS',
  ImportTypeMismatch = 'ORGANISATION_IMPORT_TYPE_MISMATCH',
  ImportUnknownOrganisation = 'ORGANISATION_IMPORT_UNKNOWN_ORGANISATION',
  ImportSuccessorForOpenOrganisation = 'ORGANISATION_IMPORT_SUCCESSOR_FOR_OPEN_ORGANISATION',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
const ORGANISATION_ERROR_CODES: ReasonCodes<typeof OrganisationErrorReason> = {
  NotFound: ErrorCode.NotFound,
  ImportUnknownParent: ErrorCode.BadUserInput,
  ImportInvalidFile: ErrorCode.BadUserInput,
  ImportConflictingRows: ErrorCode.BadUserInput,
  ImportTypeMismatch: ErrorCode.BadUserInput,
  ImportUnknownOrganisation: ErrorCode.BadUserInput,
  ImportSuccessorForOpenOrganisation: ErrorCode.BadUserInput,
};

export const organisationError = AppError.for(OrganisationErrorReason, ORGANISATION_ERROR_CODES);

/** The refusal of an ODS code that names no organisation, where the caller has no reason of its own for it. */
export function organisationNotFound(message: string): AppError {
  return organisationError('NotFound', message);
}

/** The reasons an ODS import is refused for, by name. */
export type OrganisationImportReason = Exclude<keyof typeof OrganisationErrorReason, 'NotFound'>;

/** One problem behind a refused import, by ODS code, so a caller can list them rather than parse the message. */
export interface OrganisationImportProblem {
  odsCode: string;
  detail: string;
}

/**
 * An ODS import refused as a whole: nothing was written. The reason says which rule failed and
 * `problems` names every offending code, so the operator can fix the files in one go.
 */
export class OrganisationImportError extends AppError {
  constructor(
    reason: OrganisationImportReason,
    message: string,
    readonly problems: OrganisationImportProblem[] = [],
  ) {
    super(ORGANISATION_ERROR_CODES[reason], message, OrganisationErrorReason[reason]);
    this.name = 'OrganisationImportError';
  }

  get odsCodes(): string[] {
    return [...new Set(this.problems.map((p) => p.odsCode))];
  }
}
