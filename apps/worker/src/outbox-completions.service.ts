import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { Job, Worker } from 'bullmq';
import { JobOutcome, OutboxService } from '@dasv/database';
import { RelayedQueuesService } from './relayed-queues.service';

const FLUSH_EVERY_MS = 100;
const RETRY_AFTER_MS = 1000;
const FLUSH_AT = 500;
/** With PostgreSQL down, marks wait in memory up to this many; beyond it the reconciler finds them. */
const MAX_WAITING = 50_000;

/**
 * Marks an outbox row done when its job has done its work: completed, or failed for good after its
 * retries (then visibly, with the error). Every relayed queue gets this, whatever its processor, from
 * the worker's own events; marks are batched into one UPDATE per flush so the hot path gains no round
 * trip per job. A mark lost with this process is not lost work: the reconciler finds the job
 * completed (or failed) in Redis and marks it, or finds it gone and adds it again, which the job's
 * idempotence makes harmless.
 */
@Injectable()
export class OutboxCompletionsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxCompletionsService.name);
  private waiting: Array<JobOutcome & { error?: string }> = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly outbox: OutboxService,
    private readonly queues: RelayedQueuesService,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    for (const worker of this.workers()) {
      worker.on('completed', (job: Job) => this.add({ queue: worker.name, jobId: String(job.id) }));
      worker.on('failed', (job: Job | undefined, error: Error) => {
        // finishedOn is set only when BullMQ gives up; a failure it will retry is not an outcome.
        if (job?.finishedOn) this.add({ queue: worker.name, jobId: String(job.id), error: error.message || 'failed' });
      });
    }
  }

  /** The BullMQ workers of this process that run relayed queues. */
  workers(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker)
      .filter((worker) => this.queues.has(worker.name));
  }

  /** Writes every mark waiting; waits for a flush already under way. Shutdown calls it last. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    this.flushing = this.outbox
      .markDone(batch)
      .catch((error: unknown) => {
        this.logger.warn({ err: error, marks: batch.length }, 'could not mark finished outbox jobs; retrying');
        this.waiting = [...batch, ...this.waiting].slice(-MAX_WAITING);
        this.later(RETRY_AFTER_MS);
      })
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private add(outcome: JobOutcome & { error?: string }): void {
    if (outcome.error) this.logger.error({ queue: outcome.queue, jobId: outcome.jobId, error: outcome.error }, 'job failed for good after its retries');
    this.waiting.push(outcome);
    if (this.waiting.length >= FLUSH_AT) void this.flush();
    else this.later();
  }

  private later(delayMs = FLUSH_EVERY_MS): void {
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), delayMs);
  }
}
