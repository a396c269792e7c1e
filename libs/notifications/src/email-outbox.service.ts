import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '@dasv/database';
import { EMAIL_QUEUE, SEND_EMAIL_JOB, SendEmailPayload, sendEmailJobId } from './jobs/send-email.job';
import { EmailTemplatesService, TemplateName } from './email-templates.service';

/** How features send e-mail: inside their transaction, through the outbox, never straight to SMTP. */
@Injectable()
export class EmailOutboxService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly templates: EmailTemplatesService,
  ) {}

  async queue(manager: EntityManager, emails: SendEmailPayload | SendEmailPayload[]): Promise<void> {
    const list = Array.isArray(emails) ? emails : [emails];
    await this.outbox.enqueue(
      manager,
      list.map((payload) => ({ queue: EMAIL_QUEUE, name: SEND_EMAIL_JOB, jobId: sendEmailJobId(payload), payload })),
    );
  }

  async queueTemplate(manager: EntityManager, email: { key: string; to: string; template: TemplateName; context: Record<string, unknown> }): Promise<void> {
    const rendered = this.templates.render(email.template, email.context);
    await this.queue(manager, { key: email.key, to: email.to, ...rendered });
  }
}
