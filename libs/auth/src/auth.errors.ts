import { AppError, ErrorCode } from '@dasv/common';

export enum AuthErrorReason {
  InvalidCredentials = 'AUTH_INVALID_CREDENTIALS',
  LockedOut = 'AUTH_LOCKED_OUT',
  TokenInvalid = 'AUTH_TOKEN_INVALID',
  WeakPassword = 'AUTH_WEAK_PASSWORD',
  OutOfScope = 'AUTH_OUT_OF_SCOPE',
  RoleTooHigh = 'AUTH_ROLE_TOO_HIGH',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
export const authError = AppError.for(AuthErrorReason, {
  InvalidCredentials: ErrorCode.Unauthenticated,
  LockedOut: ErrorCode.TooManyRequests,
  TokenInvalid: ErrorCode.BadUserInput,
  WeakPassword: ErrorCode.BadUserInput,
  OutOfScope: ErrorCode.Forbidden,
  RoleTooHigh: ErrorCode.Forbidden,
});
