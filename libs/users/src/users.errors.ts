export enum UsersErrorReason {
  UnknownOrganisation = 'USER_UNKNOWN_ORGANISATION',
  RoleNotAllowedAtOrganisation = 'USER_ROLE_NOT_ALLOWED_AT_ORGANISATION',
  NotFound = 'USER_NOT_FOUND',
  AlreadyMember = 'USER_ALREADY_INVITED',
}
