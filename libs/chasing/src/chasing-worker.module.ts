import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { ChasingCoreModule } from './chasing-core.module';
import { ChaseSweepService } from './chase-sweep.service';
import { ChaseSweepProcessor } from './jobs/chase-sweep.processor';
import { ChaseSweepScheduler } from './jobs/chase-sweep.scheduler';
import { CHASE_QUEUE } from './jobs/chase-sweep.job';

/** The worker side: the repeating sweep. Import each feature's chase source module next to it. */
@Module({
  imports: [ChasingCoreModule, BullModule.registerQueue({ name: CHASE_QUEUE })],
  providers: [ChaseSweepService, ChaseSweepProcessor, ChaseSweepScheduler],
  exports: [ChaseSweepService, ChaseSweepScheduler],
})
export class ChasingWorkerModule {}
