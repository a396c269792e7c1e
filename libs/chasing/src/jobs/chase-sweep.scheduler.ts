import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { CHASE_QUEUE, CHASE_SWEEP_EVERY_MS, CHASE_SWEEP_JOB, chaseSweepJobId, ChaseSweepPayload } from './chase-sweep.job';

/**
 * The repeating sweep, as a BullMQ job scheduler. The worker keeps it (apps/worker JobSchedulersService):
 * at start, when Redis comes back, and periodically, since a Redis that lost its data has lost it
 * too and chasing would stop without a word.
 */
@Injectable()
export class ChaseSweepScheduler {
  readonly schedulerId = chaseSweepJobId();

  constructor(@InjectQueue(CHASE_QUEUE) private readonly queue: Queue<ChaseSweepPayload>) {}

  /** Upserts by id, so every worker starting registers the same single scheduler. */
  async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(this.schedulerId, { every: CHASE_SWEEP_EVERY_MS }, { name: CHASE_SWEEP_JOB, data: {} });
  }

  async isScheduled(): Promise<boolean> {
    return (await this.queue.getJobScheduler(this.schedulerId)) !== undefined;
  }

  unschedule(): Promise<boolean> {
    return this.queue.removeJobScheduler(this.schedulerId);
  }
}
