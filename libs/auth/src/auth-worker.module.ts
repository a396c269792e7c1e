import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { NotificationsModule } from '@dasv/notifications';
import { AuthModule } from './auth.module';
import { ACCOUNT_QUEUE } from './jobs/password-reset-request.job';
import { PasswordResetRequestProcessor } from './jobs/password-reset-request.processor';

/** The account e-mails the worker works out off the request path (password-reset links). */
@Module({
  imports: [AuthModule, NotificationsModule, BullModule.registerQueue({ name: ACCOUNT_QUEUE })],
  providers: [PasswordResetRequestProcessor],
})
export class AuthWorkerModule {}
