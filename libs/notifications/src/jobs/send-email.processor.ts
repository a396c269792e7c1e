import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { RECOVERABLE_WORKER_OPTIONS } from '@dasv/database';
import { EmailSenderService } from '../email-sender.service';
import { EMAIL_QUEUE, SendEmailPayload } from './send-email.job';

@Processor(EMAIL_QUEUE, { concurrency: 8, ...RECOVERABLE_WORKER_OPTIONS })
export class SendEmailProcessor extends WorkerHost {
  constructor(private readonly sender: EmailSenderService) {
    super();
  }

  process(job: Job<SendEmailPayload>): Promise<'sent' | 'skipped'> {
    return this.sender.deliver(job.data);
  }
}
