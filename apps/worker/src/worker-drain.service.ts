import { once } from 'node:events';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { OutboxCompletionsService } from './outbox-completions.service';
import { OutboxReconcilerService } from './outbox-reconciler.service';
import { OutboxRelayService } from './outbox-relay.service';
import { JobSchedulersService } from './job-schedulers.service';
import { WorkerHealthService } from './worker-health.service';

/** How long jobs under way may take to finish once the worker is asked to stop. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Stopping (SIGINT, SIGTERM, app.close()) drains before anything is torn down: Nest runs this before
 * any onApplicationShutdown hook, while PostgreSQL, Redis and SMTP are all still open. The worker
 * stops relaying and reconciling, stops taking jobs, lets those under way finish (bounded), and
 * writes their outbox marks. A job still running at the bound is left to BullMQ's stalled-job
 * check, which hands it to another worker; its effect is recorded under its key, so nothing repeats.
 */
@Injectable()
export class WorkerDrainService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerDrainService.name);

  constructor(
    private readonly relay: OutboxRelayService,
    private readonly reconciler: OutboxReconcilerService,
    private readonly completions: OutboxCompletionsService,
    private readonly schedulers: JobSchedulersService,
    private readonly health: WorkerHealthService,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    this.health.markDraining();
    this.schedulers.stop();
    await Promise.all([this.relay.pause(), this.reconciler.stop()]);
    const workers = this.completions.workers();
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      Promise.all(workers.map(async (worker) => (await untilReconnected(worker, deadline), worker.close()))).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (!finished) this.logger.warn(`jobs still running after ${DRAIN_TIMEOUT_MS / 1000}s; another worker will take them over`);
    await this.completions.flush().catch((error: unknown) => this.logger.warn({ err: error }, 'could not mark finished outbox jobs'));
  }
}

/**
 * BullMQ's close() never settles when it starts while a worker's blocking Redis client waits between
 * reconnect attempts (taskforcesh/bullmq#4656: it cancels the retry, then waits for an end event that
 * never comes). Stopping just after a Redis outage is exactly that moment, so a client that is
 * reconnecting is given until the drain's deadline to be ready before the worker is closed.
 */
async function untilReconnected(worker: Worker, deadline: number): Promise<void> {
  const connection = worker['blockingConnection'] as { client: Promise<Redis> } | undefined;
  const client = connection ? await connection.client : undefined;
  if (client?.status !== 'reconnecting') return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([once(client, 'ready'), new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))))]);
  clearTimeout(timer);
}
