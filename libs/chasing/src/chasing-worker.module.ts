import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { ChasingCoreModule } from './chasing-core.module';
import { ChaseSweep } from './chase-sweep.service';
import { ChaseSweepProcessor } from './jobs/chase-sweep.processor';
import { ChaseSweepScheduler } from './jobs/chase-sweep.scheduler';
import { CHASE_QUEUE } from './jobs/chase-sweep.job';

/** The worker side: the repeating sweep. Import each feature's chase source module next to it. */
@Module({
  imports: [ChasingCoreModule, BullModule.registerQueue({ name: CHASE_QUEUE })],
  providers: [ChaseSweep, ChaseSweepProcessor, ChaseSweepScheduler],
  exports: [ChaseSweep, ChaseSweepScheduler],
})
export class ChasingWorkerModule {}
