import { Module, OnModuleInit } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from '@dasv/common';
import { AppConfig, ConfigModule } from '@dasv/config';
import { DatabaseModule, RedisModule } from '@dasv/database';
import { AuditModule } from '@dasv/audit';
import { ACCOUNT_QUEUE, AuthWorkerModule } from '@dasv/auth';
import { EMAIL_QUEUE, NotificationsWorkerModule } from '@dasv/notifications';
import { CHASE_QUEUE, ChasingWorkerModule } from '@dasv/chasing';
import { NominationsChaseSourceModule } from '@dasv/nominations';
import { COURSE_REMINDER_QUEUE, LearningReportsWorkerModule } from '@dasv/learning-reports';
import { OutboxRelay } from './outbox-relay';
import { WorkerHealth } from './worker-health';

/** Every queue the outbox may name, each with its processor imported above. */
export const WORKER_QUEUES = [EMAIL_QUEUE, CHASE_QUEUE, COURSE_REMINDER_QUEUE, ACCOUNT_QUEUE] as const;

@Module({
  imports: [
    ConfigModule,
    ClockModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.env.LOG_LEVEL } }),
    }),
    DatabaseModule,
    RedisModule,
    AuditModule,
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: config.redisPrefix,
        defaultJobOptions: {
          attempts: 8,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      }),
    }),
    NotificationsWorkerModule,
    ChasingWorkerModule,
    NominationsChaseSourceModule,
    LearningReportsWorkerModule,
    AuthWorkerModule,
  ],
  providers: [OutboxRelay, WorkerHealth],
  exports: [OutboxRelay],
})
export class WorkerModule implements OnModuleInit {
  constructor(private readonly relay: OutboxRelay) {}

  onModuleInit(): void {
    this.relay.register(WORKER_QUEUES);
  }
}
