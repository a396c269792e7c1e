import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MailerService } from './mailer.service';
import { SendEmailPayload } from './jobs/send-email.job';

/**
 * Delivers one e-mail at most once per key, as nearly as SMTP allows. The delivery row is inserted
 * first, in a transaction that stays open while the message is sent: the row's lock claims the key,
 * so a second job for it waits and then finds it delivered; with PostgreSQL down nothing is sent; a
 * send that fails rolls the claim back for the retry. Only a crash (or a lost connection to
 * PostgreSQL) between the SMTP server's 250 and our COMMIT can send the message twice, and the resend
 * carries the same Message-ID (derived from the key), so it is recognisably the same message.
 */
@Injectable()
export class EmailSenderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
  ) {}

  async deliver(payload: SendEmailPayload): Promise<'sent' | 'skipped'> {
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO email_delivery (key, recipient, subject, message_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [payload.key, payload.to, payload.subject, this.mailer.messageIdFor(payload.key)],
      );
      if (claimed.length === 0) return 'skipped';
      await this.mailer.send(payload);
      return 'sent';
    });
  }
}
