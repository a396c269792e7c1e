/** Reasons an audit trail request is refused; codes are API, so add new ones and never rename. */
export enum AuditTrailErrorReason {
  RangeInvalid = 'AUDIT_TRAIL_RANGE_INVALID',
  CursorInvalid = 'AUDIT_TRAIL_CURSOR_INVALID',
}
