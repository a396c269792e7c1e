import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Mailer } from './mailer';
import { SendEmailPayload } from './jobs/send-email.job';

/**
 * Delivers one e-mail at most once per key. The delivery row is written after SMTP accepts the message:
 * a crash between the two can resend that one e-mail on retry, which we prefer to losing it.
 */
@Injectable()
export class EmailSender {
  private readonly logger = new Logger(EmailSender.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
  ) {}

  async deliver(payload: SendEmailPayload): Promise<'sent' | 'skipped'> {
    const [already] = await this.dataSource.query(`SELECT 1 FROM email_delivery WHERE key = $1`, [payload.key]);
    if (already) return 'skipped';
    const messageId = await this.mailer.send(payload);
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO email_delivery (key, recipient, subject, message_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [payload.key, payload.to, payload.subject, messageId ?? null],
    );
    if (inserted.length === 0) this.logger.warn({ key: payload.key }, 'e-mail sent twice: two workers raced on one key');
    return 'sent';
  }
}
