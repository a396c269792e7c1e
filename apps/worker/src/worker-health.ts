import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { register } from 'prom-client';
import { REDIS } from '@dasv/database';

/** The worker has no HTTP API; this tiny server gives it the same /health and /metrics as the API. */
@Injectable()
export class WorkerHealth implements OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  listen(port: number): Promise<void> {
    this.server = createServer((req, res) => {
      void (async () => {
        if (req.url === '/health/live') return send(res, 200, { status: 'ok' });
        if (req.url === '/health/ready') {
          const checks = await Promise.allSettled([this.dataSource.query('SELECT 1'), this.redis.ping()]);
          const ok = checks.every((c) => c.status === 'fulfilled');
          return send(res, ok ? 200 : 503, { status: ok ? 'ok' : 'error', postgres: checks[0].status, redis: checks[1].status });
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

  onApplicationShutdown(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function send(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
