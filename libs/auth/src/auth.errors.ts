export enum AuthErrorReason {
  InvalidCredentials = 'AUTH_INVALID_CREDENTIALS',
  LockedOut = 'AUTH_LOCKED_OUT',
  TokenInvalid = 'AUTH_TOKEN_INVALID',
  WeakPassword = 'AUTH_WEAK_PASSWORD',
  OutOfScope = 'AUTH_OUT_OF_SCOPE',
  RoleTooHigh = 'AUTH_ROLE_TOO_HIGH',
}
