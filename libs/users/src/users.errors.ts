import { AppError, ErrorCode } from '@dasv/common';

export enum UsersErrorReason {
  UnknownOrganisation = 'USER_UNKNOWN_ORGANISATION',
  RoleNotAllowedAtOrganisation = 'USER_ROLE_NOT_ALLOWED_AT_ORGANISATION',
  NotFound = 'USER_NOT_FOUND',
  AlreadyMember = 'USER_ALREADY_INVITED',
  LastNationalAdmin = 'USER_LAST_NATIONAL_ADMIN',
  AlreadyActivated = 'USER_ALREADY_ACTIVATED',
  NoPendingInvitation = 'USER_NO_PENDING_INVITATION',
  NoRole = 'USER_NO_ROLE',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
export const usersError = AppError.for(UsersErrorReason, {
  UnknownOrganisation: ErrorCode.BadUserInput,
  RoleNotAllowedAtOrganisation: ErrorCode.BadUserInput,
  NotFound: ErrorCode.NotFound,
  AlreadyMember: ErrorCode.Conflict,
  LastNationalAdmin: ErrorCode.Conflict,
  AlreadyActivated: ErrorCode.Conflict,
  NoPendingInvitation: ErrorCode.Conflict,
  NoRole: ErrorCode.Conflict,
});
