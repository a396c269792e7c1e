import { AppError, ErrorCode } from '@dasv/common';

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
  /** Accepting it would replace leads a newer return's accepted submission named. */
  Superseded = 'NOMINATION_SUPERSEDED',
  /** A rejection says why: the organisation is told. */
  RejectionReasonMissing = 'NOMINATION_REJECTION_REASON_MISSING',
}

/**
 * The errors of this feature, made by reason: each reason's code is set here, once. A return, or a
 * return's request, that a query looks up and does not find is NOT_FOUND; named in a submission's
 * input, the same reason has long been published as BAD_USER_INPUT with the field to correct, so it
 * keeps that code under a second name (…InInput) rather than changing what clients see.
 */
export const nominationError = AppError.for(
  {
    ...NominationErrorReason,
    ReturnNotFoundInInput: NominationErrorReason.ReturnNotFound,
    NotRequestedInInput: NominationErrorReason.NotRequested,
  },
  {
    ReturnNotFound: ErrorCode.NotFound,
    ReturnClosed: ErrorCode.Conflict,
    DeadlineInvalid: ErrorCode.BadUserInput,
    DeadlinePassed: ErrorCode.BadUserInput,
    ScopeInvalid: ErrorCode.BadUserInput,
    NoOrganisationsAsked: ErrorCode.BadUserInput,
    UnknownOrganisation: ErrorCode.BadUserInput,
    NotRequested: ErrorCode.NotFound,
    InvalidLeads: ErrorCode.BadUserInput,
    SubmissionNotFound: ErrorCode.NotFound,
    SubmissionNotPending: ErrorCode.Conflict,
    LeadNotFound: ErrorCode.NotFound,
    LeadAlreadyEnded: ErrorCode.Conflict,
    SuccessorAlreadyLead: ErrorCode.Conflict,
    LeadAppointmentNotFound: ErrorCode.NotFound,
    LeadAppointmentExpired: ErrorCode.Conflict,
    LeadAppointmentClosed: ErrorCode.Conflict,
    Superseded: ErrorCode.Conflict,
    RejectionReasonMissing: ErrorCode.BadUserInput,
    ReturnNotFoundInInput: ErrorCode.BadUserInput,
    NotRequestedInInput: ErrorCode.BadUserInput,
  },
);
