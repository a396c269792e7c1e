import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { EmailSender } from './email-sender.service';
import { Mailer } from './mailer';
import { SendEmailProcessor } from './jobs/send-email.processor';
import { EMAIL_QUEUE } from './jobs/send-email.job';

@Module({
  imports: [BullModule.registerQueue({ name: EMAIL_QUEUE })],
  providers: [Mailer, EmailSender, SendEmailProcessor],
  exports: [Mailer, EmailSender],
})
export class NotificationsWorkerModule {}
