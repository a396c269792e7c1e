import { INestApplicationContext } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '@dasv/common';
import { AppConfig, loadEnvironment } from '@dasv/config';
import { Role } from '@dasv/auth';
import { EMAIL_QUEUE } from '@dasv/notifications';
import { createTestDatabase, requireEnv } from './database';
import { createUser, UserSpec } from './factories';
import { OutboxRelayControl, platform } from './platform';

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; reason?: string; fields?: Record<string, string[]> } }>;
  status: number;
}

export interface TestApp {
  api: NestExpressApplication;
  worker: INestApplicationContext;
  dataSource: DataSource;
  clock: FixedClock;
  config: AppConfig;
  /** The worker's outbox relay: a test that plays the relay itself pauses its background passes. */
  outboxRelay: OutboxRelayControl;
  /** A signed-out browser-like client keeping its own cookies. */
  client(): TestAgent;
  gql<T = Record<string, any>>(agent: TestAgent, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Creates a user with the given roles and returns a client signed in as them. */
  signedIn(spec: UserSpec): Promise<{ agent: TestAgent; user: { id: string; email: string; password: string } }>;
  /** Relays the outbox and waits until every queued job has finished, as the worker would. */
  runJobs(): Promise<void>;
  close(): Promise<void>;
}

let prefixCounter = 0;

export interface TestAppOptions {
  now?: Date;
  /** Overrides configuration for this app only, e.g. `{ NODE_ENV: 'production' }`. */
  env?: Record<string, string>;
  /** Reaches PostgreSQL and Redis by other addresses, e.g. through a ServiceOutage. */
  connect?: (urls: { databaseUrl: string; redisUrl: string }) => { databaseUrl: string; redisUrl: string };
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const clock = new FixedClock(options.now ?? new Date());
  // Jest runs many files in one worker process and resets module state between them, so the pid and
  // counter alone repeat: the random part keeps one file's sign-in lockouts and queues from another's.
  const prefix = `t${process.env.JEST_WORKER_ID ?? 0}_${process.pid}_${++prefixCounter}_${randomBytes(4).toString('hex')}`;
  const urls = (options.connect ?? ((given) => given))({ databaseUrl: db.url, redisUrl: requireEnv('REDIS_URL') });
  const config = new AppConfig(
    // Quiet by default; TEST_LOG_LEVEL=debug shows the apps' logs (including unexpected errors) when a test fails.
    loadEnvironment({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATABASE_URL: urls.databaseUrl,
      REDIS_URL: urls.redisUrl,
      REDIS_PREFIX: prefix,
      PUBLIC_URL: 'http://localhost:3000',
      ...options.env,
    }),
  );

  const { apiModule: AppModule, configureApi, workerModule: WorkerModule, workerQueues, outboxRelay, outboxCompletions, outboxReconciler } = platform();
  const apiModule = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const api = apiModule.createNestApplication<NestExpressApplication>({ bufferLogs: true });
  configureApi(api);
  await api.init();

  const workerModule = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const worker = workerModule.createNestApplication();
  await worker.init();
  const relay = worker.get(outboxRelay);
  const completions = worker.get(outboxCompletions);
  const reconciler = worker.get(outboxReconciler);
  const queues = workerQueues.map((name) => worker.get<Queue>(getQueueToken(name), { strict: false }));

  const dataSource = api.get(DataSource);
  const server = api.getHttpServer();

  const app: TestApp = {
    api,
    worker,
    dataSource,
    clock,
    config,
    outboxRelay: relay,
    client: () => request.agent(server),
    async gql(agent, query, variables = {}) {
      const res = await agent.post('/graphql').set('content-type', 'application/json').send({ query, variables });
      return { ...(res.body as object), status: res.status };
    },
    async signedIn(spec) {
      const user = await createUser(dataSource, spec);
      const agent = request.agent(server);
      const result = await app.gql(agent, `mutation($i: SignInInput!) { signIn(input: $i) { id } }`, { i: { email: user.email, password: user.password } });
      if (result.errors) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
      return { agent, user };
    },
    async runJobs() {
      for (;;) {
        await relay.drain();
        const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
        const busy = counts.some((c: Record<string, number>) => Object.values(c).some((n) => n > 0));
        if (!busy) {
          // Queues idle: every row's job has finished, so write the marks now rather than at the next flush.
          await completions.flush();
          const outstanding = await dataSource.query(`SELECT 1 FROM outbox_message WHERE done_at IS NULL LIMIT 1`);
          if (outstanding.length === 0) return;
          // A relayed row whose job is not in Redis (or finished unmarked): what the reconciler is for.
          await reconciler.reconcile();
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async close() {
      await worker.close();
      await api.close();
      await db.drop();
    },
  };
  return app;
}

export { Role, EMAIL_QUEUE };
