import { AppError, ErrorCode } from '@dasv/common';

/** Reasons an audit trail request is refused; codes are API, so add new ones and never rename. */
export enum AuditTrailErrorReason {
  RangeInvalid = 'AUDIT_TRAIL_RANGE_INVALID',
  CursorInvalid = 'AUDIT_TRAIL_CURSOR_INVALID',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
export const auditTrailError = AppError.for(AuditTrailErrorReason, {
  RangeInvalid: ErrorCode.BadUserInput,
  CursorInvalid: ErrorCode.BadUserInput,
});
