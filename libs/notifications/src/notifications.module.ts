import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailDelivery } from './email-delivery.entity';
import { EmailOutboxService } from './email-outbox.service';
import { EmailTemplatesService } from './email-templates.service';

/** What the API needs: queueing e-mail. Sending lives in NotificationsWorkerModule. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([EmailDelivery])],
  providers: [EmailOutboxService, EmailTemplatesService],
  exports: [EmailOutboxService, EmailTemplatesService],
})
export class NotificationsModule {}
