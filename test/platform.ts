// Runs before every test file (jest setupFiles): tells libs/testing which apps to boot. The apps are
// imported here, at the top of the tree, so that no library imports an app.
import { registerPlatform } from '@dasv/testing';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/setup';
import { OutboxCompletionsService } from '../apps/worker/src/outbox-completions.service';
import { OutboxReconcilerService } from '../apps/worker/src/outbox-reconciler.service';
import { OutboxRelayService } from '../apps/worker/src/outbox-relay.service';
import { WORKER_QUEUES, WorkerModule } from '../apps/worker/src/worker.module';

registerPlatform({
  apiModule: AppModule,
  configureApi: (app) => configureApp(app),
  workerModule: WorkerModule,
  workerQueues: WORKER_QUEUES,
  outboxRelay: OutboxRelayService,
  outboxCompletions: OutboxCompletionsService,
  outboxReconciler: OutboxReconcilerService,
});
