import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { collectDefaultMetrics } from 'prom-client';
import { AppConfig } from '@dasv/config';
import { WorkerModule } from './worker.module';
import { WorkerHealth } from './worker-health';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  collectDefaultMetrics({ prefix: 'dasv_worker_' });
  await app.get(WorkerHealth).listen(app.get(AppConfig).env.WORKER_PORT);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error && error.name === 'ConfigurationError' ? error.message : error);
  process.exit(1);
});
