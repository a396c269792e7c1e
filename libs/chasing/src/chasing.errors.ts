import { AppError, ErrorCode } from '@dasv/common';

/** Specific reasons within the general codes; part of the API like the codes themselves. */
export enum ChasingErrorReason {
  CampaignNotFound = 'CHASE_CAMPAIGN_NOT_FOUND',
  CampaignClosed = 'CHASE_CAMPAIGN_CLOSED',
  UnknownOrganisation = 'CHASE_UNKNOWN_ORGANISATION',
  OrganisationNotAsked = 'CHASE_ORGANISATION_NOT_ASKED',
  AlreadyResponded = 'CHASE_ALREADY_RESPONDED',
  Unreachable = 'CHASE_UNREACHABLE',
  PauseInPast = 'CHASE_PAUSE_IN_PAST',
  PauseTooLong = 'CHASE_PAUSE_TOO_LONG',
  NotPaused = 'CHASE_NOT_PAUSED',
}

/** The errors of this feature, made by reason: each reason's code is set here, once. */
export const chasingError = AppError.for(ChasingErrorReason, {
  CampaignNotFound: ErrorCode.NotFound,
  CampaignClosed: ErrorCode.Conflict,
  UnknownOrganisation: ErrorCode.BadUserInput,
  OrganisationNotAsked: ErrorCode.NotFound,
  AlreadyResponded: ErrorCode.Conflict,
  Unreachable: ErrorCode.Conflict,
  PauseInPast: ErrorCode.BadUserInput,
  PauseTooLong: ErrorCode.BadUserInput,
  NotPaused: ErrorCode.Conflict,
});
