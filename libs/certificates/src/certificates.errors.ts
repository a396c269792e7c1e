import { AppError, ErrorCode } from '@dasv/common';

/** Reasons carried in `extensions.reason`; part of the API, so never renamed or reused. */
export enum CertificatesErrorReason {
  CourseNotFound = 'CERTIFICATE_COURSE_NOT_FOUND',
  NotIssued = 'CERTIFICATE_NOT_ISSUED',
  CodeInvalid = 'CERTIFICATE_CODE_INVALID',
  VerificationRateLimited = 'CERTIFICATE_VERIFICATION_RATE_LIMITED',
  NoneInOrganisation = 'CERTIFICATE_NONE_IN_ORGANISATION',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
export const certificatesError = AppError.for(CertificatesErrorReason, {
  CourseNotFound: ErrorCode.NotFound,
  NotIssued: ErrorCode.NotFound,
  CodeInvalid: ErrorCode.BadUserInput,
  VerificationRateLimited: ErrorCode.TooManyRequests,
  NoneInOrganisation: ErrorCode.NotFound,
});
