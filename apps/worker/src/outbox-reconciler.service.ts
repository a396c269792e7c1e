import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ClaimedOutboxMessage, OutboxService, RelayedJobState } from '@dasv/database';
import { RelayedQueuesService } from './relayed-queues.service';
import { within } from './within';

/** A pass reads only the rows in flight; after a Redis restart it runs at once, from the 'ready' event. */
const EVERY_MS = 15_000;
const AFTER_RECONNECT_MS = 500;
const BATCH = 500;

/**
 * Finds relayed outbox rows whose job has not been marked done and asks BullMQ what became of it:
 * still waiting or running (leave it), completed or failed for good (mark it; the worker that ran it
 * died before its mark was written), or gone, because Redis lost its data (add it again under the
 * same jobId). Several workers may reconcile at once: rows are claimed SKIP LOCKED, and a job added
 * twice under one jobId is one job.
 */
@Injectable()
export class OutboxReconcilerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxReconcilerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly queues: RelayedQueuesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const queue of this.queues.all()) {
      const client = await queue.client;
      client.on('ready', () => this.schedule(AFTER_RECONNECT_MS));
    }
    this.schedule(AFTER_RECONNECT_MS);
  }

  /** Stops the background passes and waits for one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => 0);
  }

  /** One whole pass over the rows in flight; returns how many jobs it added again. Tests call it directly. */
  async reconcile(): Promise<number> {
    if (this.running) return this.running;
    this.running = (async () => {
      let afterId = '0';
      let readded = 0;
      for (;;) {
        const step = await this.outbox.reconcile(BATCH, afterId, (messages) => within(10_000, 'Redis', this.inspect(messages)));
        readded += step.readded;
        afterId = step.lastId;
        if (step.claimed < BATCH) return readded;
      }
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private async inspect(messages: ClaimedOutboxMessage[]): Promise<RelayedJobState[]> {
    const states = await Promise.all(
      messages.map(async (m): Promise<RelayedJobState> => {
        const queue = this.queues.get(m.queue);
        const state = await queue.getJobState(m.jobId);
        if (state === 'unknown') return 'missing';
        if (state === 'completed') return 'completed';
        if (state === 'failed') return { failed: (await queue.getJob(m.jobId))?.failedReason || 'failed' };
        return 'running';
      }),
    );
    const missing = messages.filter((_, i) => states[i] === 'missing');
    const byQueue = new Map<string, ClaimedOutboxMessage[]>();
    for (const m of missing) byQueue.set(m.queue, [...(byQueue.get(m.queue) ?? []), m]);
    for (const [name, list] of byQueue) {
      await this.queues.get(name).addBulk(list.map((m) => ({ name: m.jobName, data: m.payload, opts: { jobId: m.jobId } })));
    }
    if (missing.length > 0) this.logger.warn({ jobs: missing.length }, 'outbox jobs missing from Redis added again');
    return states;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    try {
      await this.reconcile();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox reconciling pass failed; the next one will retry');
    } finally {
      if (!this.timer) this.schedule(EVERY_MS);
    }
  }
}
