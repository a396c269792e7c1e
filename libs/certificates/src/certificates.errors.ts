/** Reasons carried in `extensions.reason`; part of the API, so never renamed or reused. */
export enum CertificatesErrorReason {
  CourseNotFound = 'CERTIFICATE_COURSE_NOT_FOUND',
  NotIssued = 'CERTIFICATE_NOT_ISSUED',
  CodeInvalid = 'CERTIFICATE_CODE_INVALID',
  VerificationRateLimited = 'CERTIFICATE_VERIFICATION_RATE_LIMITED',
  NoneInOrganisation = 'CERTIFICATE_NONE_IN_ORGANISATION',
}
