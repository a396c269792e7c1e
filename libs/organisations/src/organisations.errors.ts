/** Specific reasons within the general codes; part of the API like the codes themselves. */
export enum OrganisationErrorReason {
  NotFound = 'ORGANISATION_NOT_FOUND',
  ImportUnknownParent = 'ORGANISATION_IMPORT_UNKNOWN_PARENT',
}
