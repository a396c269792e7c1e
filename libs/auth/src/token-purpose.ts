export enum TokenPurpose {
  Invitation = 'INVITATION',
  PasswordReset = 'PASSWORD_RESET',
}
