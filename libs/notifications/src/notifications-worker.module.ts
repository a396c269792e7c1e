import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { EmailSenderService } from './email-sender.service';
import { MailerService } from './mailer.service';
import { SendEmailProcessor } from './jobs/send-email.processor';
import { EMAIL_QUEUE } from './jobs/send-email.job';

@Module({
  imports: [BullModule.registerQueue({ name: EMAIL_QUEUE })],
  providers: [MailerService, EmailSenderService, SendEmailProcessor],
  exports: [MailerService, EmailSenderService],
})
export class NotificationsWorkerModule {}
