import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Outbox } from '@dasv/database';

export const RELAYED_QUEUES = Symbol('RELAYED_QUEUES');

/**
 * Moves outbox rows to BullMQ. Rows are claimed FOR UPDATE SKIP LOCKED, added with their stored
 * jobId, then marked sent in the same transaction: if Redis is down nothing is marked and the rows
 * wait; if this process dies after add() the replay reuses the jobId and BullMQ ignores it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<string, Queue>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Fails the boot when a queue has no processor in this worker: a row for it would wait forever. */
  register(queueNames: readonly string[]): void {
    for (const name of queueNames) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      if (!queue) throw new Error(`No BullMQ queue registered for outbox queue "${name}"`);
      this.queues.set(name, queue);
    }
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pause();
  }

  /**
   * Stops the background passes (and waits for one in progress); drain() still works. For a test
   * that plays the relay itself and must not have rows claimed behind its back.
   */
  async pause(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Relays until the outbox is empty; returns how many rows went out. Tests call it directly. */
  async drain(batchSize = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.outbox.relay(batchSize, (messages) => this.publish(messages));
      total += sent;
      if (sent < batchSize) return total;
    }
  }

  private async publish(messages: Array<{ queue: string; jobName: string; jobId: string; payload: Record<string, unknown> }>): Promise<void> {
    const byQueue = new Map<string, typeof messages>();
    for (const m of messages) byQueue.set(m.queue, [...(byQueue.get(m.queue) ?? []), m]);
    for (const [name, list] of byQueue) {
      const queue = this.queues.get(name);
      if (!queue) throw new Error(`Outbox row for unknown queue "${name}"`);
      await queue.addBulk(list.map((m) => ({ name: m.jobName, data: m.payload, opts: { jobId: m.jobId } })));
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
