export const EMAIL_QUEUE = 'email';
export const SEND_EMAIL_JOB = 'send-email';

export interface SendEmailPayload {
  /** Unique per intended e-mail, e.g. `invitation:<tokenId>`; a second job with the same key sends nothing. */
  key: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export function sendEmailJobId(payload: Pick<SendEmailPayload, 'key'>): string {
  // BullMQ refuses custom job ids containing ':' (its own key separator).
  return `email-${payload.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
