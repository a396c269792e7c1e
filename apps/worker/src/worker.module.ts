import { Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from '@dasv/common';
import { AppConfig, ConfigModule } from '@dasv/config';
import { DatabaseModule, RedisModule } from '@dasv/database';
import { AuditModule } from '@dasv/audit';
import { ACCOUNT_QUEUE, AuthWorkerModule } from '@dasv/auth';
import { EMAIL_QUEUE, NotificationsWorkerModule } from '@dasv/notifications';
import { CHASE_QUEUE, ChaseSweepScheduler, ChasingWorkerModule } from '@dasv/chasing';
import { NominationsChaseSourceModule } from '@dasv/nominations';
import { LeadsModule } from '@dasv/leads';
import { COURSE_REMINDER_QUEUE, CourseReminderSweepScheduler, LearningReportsWorkerModule } from '@dasv/learning-reports';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxCompletionsService } from './outbox-completions.service';
import { OutboxReconcilerService } from './outbox-reconciler.service';
import { RelayedQueuesService } from './relayed-queues.service';
import { JobSchedulersService } from './job-schedulers.service';
import { WorkerDrainService } from './worker-drain.service';
import { WorkerHealthService } from './worker-health.service';

/** Every queue the outbox may name, each with its processor imported above. */
export const WORKER_QUEUES = [EMAIL_QUEUE, CHASE_QUEUE, COURSE_REMINDER_QUEUE, ACCOUNT_QUEUE] as const;

/** The repeating jobs the worker keeps registered in Redis. */
export const WORKER_SCHEDULERS = [ChaseSweepScheduler, CourseReminderSweepScheduler] as const;

@Module({
  imports: [
    DiscoveryModule,
    // Nominations' entities (loaded with its chase source) refer to dasv_lead; the worker changes no
    // leads, but TypeORM needs the leads' entities, which LeadsModule registers, to build their relations.
    LeadsModule,
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
  providers: [
    RelayedQueuesService,
    OutboxRelayService,
    OutboxCompletionsService,
    OutboxReconcilerService,
    JobSchedulersService,
    WorkerHealthService,
    WorkerDrainService,
  ],
  exports: [OutboxRelayService, OutboxReconcilerService, OutboxCompletionsService, JobSchedulersService],
})
export class WorkerModule implements OnModuleInit {
  constructor(
    private readonly queues: RelayedQueuesService,
    private readonly schedulers: JobSchedulersService,
  ) {}

  onModuleInit(): void {
    this.queues.register(WORKER_QUEUES);
    this.schedulers.keep(WORKER_SCHEDULERS, [CHASE_QUEUE, COURSE_REMINDER_QUEUE]);
  }
}
