import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AppConfig } from '@dasv/config';
import { CHASE_QUEUE, CHASE_SWEEP_EVERY_MS, CHASE_SWEEP_JOB, chaseSweepJobId, ChaseSweepPayload } from './chase-sweep.job';

/** Registers the repeating sweep with BullMQ's job scheduler when the worker starts. */
@Injectable()
export class ChaseSweepScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(CHASE_QUEUE) private readonly queue: Queue<ChaseSweepPayload>,
    private readonly config: AppConfig,
  ) {}

  // Tests drive sweeps themselves against a fixed clock; a repeating job would also leave a delayed
  // job in the queue for ever, and the harness waits for queues to be idle.
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.isTest) await this.schedule();
  }

  /** Upserts by id, so every worker starting registers the same single scheduler. */
  async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(chaseSweepJobId({}), { every: CHASE_SWEEP_EVERY_MS }, { name: CHASE_SWEEP_JOB, data: {} });
  }

  unschedule(): Promise<boolean> {
    return this.queue.removeJobScheduler(chaseSweepJobId({}));
  }
}
