import { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, ClockModule, FixedClock } from '@dasv/common';
import { AppConfig, ConfigModule, loadEnvironment } from '@dasv/config';
import { DatabaseModule, RedisModule } from '@dasv/database';
import { AuditModule } from '@dasv/audit';
import { AuthModule } from '@dasv/auth';
import { DirectoryModule } from '@dasv/directory';
import { CourseContentModule } from '@dasv/elearning';
import { NotificationsModule } from '@dasv/notifications';
import { OrganisationsModule } from '@dasv/organisations';
import { createTestDatabase, requireEnv } from './database';

export interface ServiceTestOptions {
  /** The feature modules under test, as an app imports them. */
  imports: Array<Type<unknown> | DynamicModule | ForwardReference>;
  /**
   * Providers to add beside them: a service whose own module also needs what the test leaves out,
   * e.g. ChaseSweepService, whose worker module registers a BullMQ queue.
   */
  providers?: Provider[];
  now?: Date;
  /** Overrides configuration for this test only, e.g. `{ REGISTRATIONS_PER_IP_PER_HOUR: '2' }`. */
  env?: Record<string, string>;
}

/** A feature's services on a database of their own, called directly: no HTTP, GraphQL, sessions or worker. */
export interface ServiceTest {
  /** A provider of the modules under test, e.g. `test.get(LearnerRegistrationService)`. */
  get<T>(type: Type<T>): T;
  dataSource: DataSource;
  clock: FixedClock;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * What every feature module expects the app to have provided globally: validated configuration, the
 * clock, TypeORM on the test's own database, Redis (rate limits, sessions), and the audit trail, access
 * checks and e-mail outbox that feature services write through.
 */
const PLATFORM = [ConfigModule, ClockModule, DatabaseModule, RedisModule, AuditModule, NotificationsModule, AuthModule];

/**
 * The owners of the records other features' entities name in their relations: organisations,
 * accounts (AuthModule, above), courses and their versions, DASV leads. TypeORM refuses to start with
 * a relation to an entity it was not given, and merely loading a library registers its entities
 * (TypeOrmModule.forFeature runs as its module file loads), so a test of one feature needs these
 * whether or not it uses them. The apps have them because they import every feature.
 */
const REFERENCED = [OrganisationsModule, CourseContentModule, DirectoryModule];

let prefixCounter = 0;

/**
 * The layer beneath the end-to-end tests (createTestApp), in the shape of immich's medium tests: a
 * fresh database cloned from the migrated, seeded template, and a Nest module of just the features
 * under test with their real repositories. One per test file (in beforeAll); the factories in this
 * library write the rows a test needs, and the test calls services as a given user (an AuthUser).
 */
export async function createServiceTest(options: ServiceTestOptions): Promise<ServiceTest> {
  const db = await createTestDatabase();
  const clock = new FixedClock(options.now ?? new Date());
  // Jest runs many files in one worker process: the random part keeps one file's rate limits from another's.
  const prefix = `s${process.env.JEST_WORKER_ID ?? 0}_${process.pid}_${++prefixCounter}_${randomBytes(4).toString('hex')}`;
  const config = new AppConfig(
    loadEnvironment({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATABASE_URL: db.url,
      REDIS_URL: requireEnv('REDIS_URL'),
      REDIS_PREFIX: prefix,
      PUBLIC_URL: 'http://localhost:3000',
      ...options.env,
    }),
  );
  let moduleRef: TestingModule | undefined;
  try {
    moduleRef = await Test.createTestingModule({ imports: [...PLATFORM, ...REFERENCED, ...options.imports], providers: options.providers ?? [] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    // Nest's own logger prints what services log (a chase sweep's failures); quiet unless asked for.
    if (!process.env.TEST_LOG_LEVEL || process.env.TEST_LOG_LEVEL === 'silent') moduleRef.useLogger(false);
    // Lifecycle hooks run as in the apps, e.g. ChaseSourcesService finding every @ChaseSource() provider.
    await moduleRef.init();
  } catch (error) {
    await moduleRef?.close().catch(() => undefined);
    await db.drop();
    throw error;
  }
  const ref = moduleRef;
  return {
    get: <T>(type: Type<T>) => ref.get(type, { strict: false }),
    dataSource: ref.get(DataSource),
    clock,
    config,
    async close() {
      await ref.close();
      await db.drop();
    },
  };
}
