import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { collectDefaultMetrics } from 'prom-client';
import { AppConfig } from '@dasv/config';
import { WorkerModule } from './worker.module';
import { WorkerHealthService } from './worker-health.service';
import { DRAIN_TIMEOUT_MS } from './worker-drain.service';

/** Past the drain, closing connections takes moments; this only guards against one that hangs. */
const STOP_TIMEOUT_MS = DRAIN_TIMEOUT_MS + 5_000;

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // Not app.enableShutdownHooks(): it re-raises the signal after closing, so a clean drain would still
  // end as "killed by SIGINT". A stop asked for and carried out is exit code 0.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining`);
    const force = setTimeout(() => {
      // Jobs still running are BullMQ's stalled jobs now; another worker takes them over.
      logger.warn('jobs still running at the end of the drain; exiting without them');
      process.exit(0);
    }, STOP_TIMEOUT_MS);
    force.unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  collectDefaultMetrics({ prefix: 'dasv_worker_' });
  await app.get(WorkerHealthService).listen(app.get(AppConfig).env.WORKER_PORT);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error && error.name === 'ConfigurationError' ? error.message : error);
  process.exit(1);
});
