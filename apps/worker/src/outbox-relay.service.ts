import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClaimedOutboxMessage, OutboxService } from '@dasv/database';
import { RelayedQueuesService } from './relayed-queues.service';
import { within } from './within';

/**
 * Moves outbox rows to BullMQ. Rows are claimed FOR UPDATE SKIP LOCKED, added with their stored
 * jobId, then marked relayed in the same transaction: if Redis is down nothing is marked and the rows
 * wait; if this process dies after add() the replay reuses the jobId and BullMQ ignores it. A relayed
 * row is not finished: OutboxCompletionsService marks it done when its job has done its work, and
 * OutboxReconcilerService adds the job again if Redis lost it.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly queues: RelayedQueuesService,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pause();
  }

  /**
   * Stops the background passes (and waits for one in progress); drain() still works. For shutdown,
   * and for a test that plays the relay itself and must not have rows claimed behind its back.
   */
  async pause(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Relays until nothing is left to relay; returns how many rows went out. Tests call it directly. */
  async drain(batchSize = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.outbox.relay(batchSize, (messages) => this.publish(messages));
      total += sent;
      if (sent < batchSize) return total;
    }
  }

  private async publish(messages: ClaimedOutboxMessage[]): Promise<void> {
    const byQueue = new Map<string, ClaimedOutboxMessage[]>();
    for (const m of messages) byQueue.set(m.queue, [...(byQueue.get(m.queue) ?? []), m]);
    for (const [name, list] of byQueue) {
      await within(5000, 'Redis', this.queues.get(name).addBulk(list.map((m) => ({ name: m.jobName, data: m.payload, opts: { jobId: m.jobId } }))));
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.running = true;
    try {
      await this.drain();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay pass failed; rows stay queued');
    } finally {
      this.running = false;
      this.schedule(250);
    }
  }
}
