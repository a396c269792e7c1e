import { AppError, ErrorCode } from '@dasv/common';

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
    reason: OrganisationErrorReason,
    message: string,
    readonly problems: OrganisationImportProblem[] = [],
  ) {
    super(ErrorCode.BadUserInput, message, reason);
    this.name = 'OrganisationImportError';
  }

  get odsCodes(): string[] {
    return [...new Set(this.problems.map((p) => p.odsCode))];
  }
}
