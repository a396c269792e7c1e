import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';

/** The BullMQ queues outbox rows may name, each with its processor in this worker. */
@Injectable()
export class RelayedQueuesService {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  /** Fails the boot when a queue has no processor in this worker: a row for it would wait forever. */
  register(queueNames: readonly string[]): void {
    for (const name of queueNames) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      if (!queue) throw new Error(`No BullMQ queue registered for outbox queue "${name}"`);
      this.queues.set(name, queue);
    }
  }

  get(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`OutboxService row for unknown queue "${name}"`);
    return queue;
  }

  has(name: string): boolean {
    return this.queues.has(name);
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }
}
