import { LEAD_ROLE_LABELS } from '@dasv/leads';
import { NominationResponseStatus } from './dto/nomination-request-status.type';
import { SubmissionStatus } from './entities/nomination-submission.entity';

/**
 * The words people use for this feature's values, on pages, in e-mails and in spreadsheets: never
 * the stored value (UNREACHABLE, EXECUTIVE), which is for programs.
 */
export const RESPONSE_STATUS_LABELS: Record<NominationResponseStatus, string> = {
  [NominationResponseStatus.OUTSTANDING]: 'Outstanding',
  [NominationResponseStatus.UNREACHABLE]: 'Cannot be reached',
  [NominationResponseStatus.RESPONDED]: 'Responded',
  [NominationResponseStatus.LATE]: 'Responded late',
  [NominationResponseStatus.AWAITING_REVIEW]: 'Awaiting review',
};

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  [SubmissionStatus.PENDING]: 'Awaiting review',
  [SubmissionStatus.ACCEPTED]: 'Accepted',
  [SubmissionStatus.REJECTED]: 'Sent back',
  [SubmissionStatus.SUPERSEDED]: 'Replaced by a later version',
};

export const ORGANISATION_TYPE_LABELS: Record<string, string> = {
  NATIONAL: 'NHS England',
  REGION: 'Region',
  ICB: 'Integrated care board',
  TRUST: 'Trust',
};

export const leadRoleLabel = (role: string): string => LEAD_ROLE_LABELS[role] ?? role;
