import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailDelivery } from './email-delivery.entity';
import { EmailOutbox } from './email-outbox';
import { EmailTemplates } from './email-templates';

/** What the API needs: queueing e-mail. Sending lives in NotificationsWorkerModule. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([EmailDelivery])],
  providers: [EmailOutbox, EmailTemplates],
  exports: [EmailOutbox, EmailTemplates],
})
export class NotificationsModule {}
