import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { RECOVERABLE_WORKER_OPTIONS } from '@dasv/database';
import { PasswordResetService } from '../password-reset.service';
import { ACCOUNT_QUEUE, PasswordResetRequestPayload } from './password-reset-request.job';

@Processor(ACCOUNT_QUEUE, { concurrency: 4, ...RECOVERABLE_WORKER_OPTIONS })
export class PasswordResetRequestProcessor extends WorkerHost {
  constructor(private readonly passwordReset: PasswordResetService) {
    super();
  }

  process(job: Job<PasswordResetRequestPayload>): Promise<'queued' | 'no-account'> {
    return this.passwordReset.sendResetLink(job.data.email);
  }
}
