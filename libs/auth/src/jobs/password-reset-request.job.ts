import { randomUUID } from 'node:crypto';
import type { OutboxJob } from '@dasv/database';

export const ACCOUNT_QUEUE = 'account';
export const PASSWORD_RESET_REQUEST_JOB = 'password-reset-request';

/** Someone asked for a reset link for this address; whether it has an account is the job's question, not the request's. */
export interface PasswordResetRequestPayload {
  email: string;
}

/** Every request is its own job: two requests are two links, as they were when the request sent the e-mail itself. */
export function passwordResetRequestJob(payload: PasswordResetRequestPayload): OutboxJob<PasswordResetRequestPayload> {
  return { queue: ACCOUNT_QUEUE, name: PASSWORD_RESET_REQUEST_JOB, jobId: `${PASSWORD_RESET_REQUEST_JOB}-${randomUUID()}`, payload };
}
