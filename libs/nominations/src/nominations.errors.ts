/** Specific reasons within the general codes; part of the API like the codes themselves: add, never rename. */
export enum NominationErrorReason {
  ReturnNotFound = 'NOMINATION_RETURN_NOT_FOUND',
  ReturnClosed = 'NOMINATION_RETURN_CLOSED',
  DeadlineInvalid = 'NOMINATION_DEADLINE_INVALID',
  DeadlinePassed = 'NOMINATION_DEADLINE_PASSED',
  ScopeInvalid = 'NOMINATION_SCOPE_INVALID',
  NoOrganisationsAsked = 'NOMINATION_NO_ORGANISATIONS_ASKED',
  UnknownOrganisation = 'NOMINATION_UNKNOWN_ORGANISATION',
  NotRequested = 'NOMINATION_NOT_REQUESTED',
  InvalidLeads = 'NOMINATION_INVALID_LEADS',
  SubmissionNotFound = 'NOMINATION_SUBMISSION_NOT_FOUND',
  SubmissionNotPending = 'NOMINATION_SUBMISSION_NOT_PENDING',
  LeadNotFound = 'NOMINATION_LEAD_NOT_FOUND',
  LeadAlreadyEnded = 'NOMINATION_LEAD_ALREADY_ENDED',
  SuccessorAlreadyLead = 'NOMINATION_SUCCESSOR_ALREADY_LEAD',
  LeadAppointmentNotFound = 'NOMINATION_LEAD_APPOINTMENT_NOT_FOUND',
  LeadAppointmentExpired = 'NOMINATION_LEAD_APPOINTMENT_EXPIRED',
  /** Already answered, or withdrawn by the organisation naming someone else. */
  LeadAppointmentClosed = 'NOMINATION_LEAD_APPOINTMENT_CLOSED',
}
