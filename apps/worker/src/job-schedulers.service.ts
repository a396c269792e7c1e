import { Injectable, Logger, OnApplicationBootstrap, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AppConfig } from '@dasv/config';
import { within } from './within';

/** A repeating job the worker keeps registered (ChaseSweepScheduler, CourseReminderSweepScheduler). */
export interface RepeatingJob {
  readonly schedulerId: string;
  schedule(): Promise<void>;
  isScheduled(): Promise<boolean>;
}

const EVERY_MS = 30_000;
const AFTER_RECONNECT_MS = 200;

/**
 * Keeps every repeating job registered: at start, as soon as Redis is back after losing its data
 * (the 'ready' event of each queue's connection), and every 30 s in case a 'ready' went unseen. Only
 * a missing scheduler is upserted, and upserting is idempotent by id, so several workers doing this
 * at once still leave one scheduler each. Readiness reports what is missing. Tests drive sweeps
 * themselves against a fixed clock, so nothing is kept there.
 */
@Injectable()
export class JobSchedulersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedulersService.name);
  private kept: RepeatingJob[] = [];
  private queueNames: readonly string[] = [];
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  /** The repeating jobs to keep, and the queues whose connections say when Redis is back. */
  keep(types: ReadonlyArray<Type<RepeatingJob>>, queueNames: readonly string[]): void {
    if (this.config.isTest) return;
    this.kept = types.map((type) => this.moduleRef.get(type, { strict: false }));
    this.queueNames = queueNames;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.kept.length === 0) return;
    for (const name of this.queueNames) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      (await queue.client).on('ready', () => this.schedule(AFTER_RECONNECT_MS));
    }
    await this.ensure();
    this.schedule(EVERY_MS);
  }

  /** Upserts whichever kept scheduler is missing; returns when done. */
  ensure(): Promise<void> {
    this.running ??= (async () => {
      const missing = await this.missing();
      for (const job of this.kept.filter((j) => missing.includes(j.schedulerId))) {
        await job.schedule();
        this.logger.log({ scheduler: job.schedulerId }, 'job scheduler registered');
      }
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Ids of kept schedulers not in Redis now. Throws when Redis does not answer. */
  async missing(): Promise<string[]> {
    const present = await Promise.all(this.kept.map((job) => job.isScheduled()));
    return this.kept.filter((_, i) => !present[i]).map((job) => job.schedulerId);
  }

  names(): string[] {
    return this.kept.map((job) => job.schedulerId);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    try {
      await within(10_000, 'Redis', this.ensure());
    } catch (error) {
      this.logger.warn({ err: error }, 'could not check the job schedulers; retrying');
    } finally {
      if (!this.timer) this.schedule(EVERY_MS);
    }
  }
}
