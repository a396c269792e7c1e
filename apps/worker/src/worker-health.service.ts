import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { register } from 'prom-client';
import { REDIS } from '@dasv/database';
import { JobSchedulersService } from './job-schedulers.service';
import { within } from './within';

/**
 * The worker has no HTTP API; this tiny server gives it the same /health and /metrics as the API.
 * Ready means PostgreSQL and Redis answer, every repeating job is scheduled (a Redis that lost its
 * data has lost them: chasing would stop while all looked well), and the worker is not draining.
 */
@Injectable()
export class WorkerHealthService implements OnApplicationShutdown {
  private server?: Server;
  private draining = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly schedulers: JobSchedulersService,
  ) {}

  listen(port: number): Promise<void> {
    this.server = createServer((req, res) => {
      void (async () => {
        // The pid tells a supervisor (or a test) which process answered on a port it expected to be its own.
        if (req.url === '/health/live') return send(res, 200, { status: 'ok', pid: process.pid });
        if (req.url === '/health/ready') {
          const checks = await Promise.allSettled([
            within(2000, 'PostgreSQL', this.dataSource.query('SELECT 1')),
            within(2000, 'Redis', this.redis.ping()),
            within(2000, 'Redis', this.schedulers.missing()),
          ]);
          const missing = checks[2].status === 'fulfilled' ? checks[2].value : this.schedulers.names();
          const ok = !this.draining && checks.every((c) => c.status === 'fulfilled') && missing.length === 0;
          return send(res, ok ? 200 : 503, {
            status: ok ? 'ok' : 'error',
            postgres: checks[0].status,
            redis: checks[1].status,
            schedulers: Object.fromEntries(this.schedulers.names().map((name) => [name, missing.includes(name) ? 'missing' : 'scheduled'])),
            ...(this.draining ? { draining: true } : {}),
          });
        }
        if (req.url === '/metrics') {
          res.writeHead(200, { 'Content-Type': register.contentType });
          return res.end(await register.metrics());
        }
        send(res, 404, { status: 'not found' });
      })();
    });
    return new Promise((resolve) => this.server!.listen(port, '0.0.0.0', resolve));
  }

  /** From now on readiness fails, so whatever balances work stops counting on this process. */
  markDraining(): void {
    this.draining = true;
  }

  onApplicationShutdown(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function send(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
