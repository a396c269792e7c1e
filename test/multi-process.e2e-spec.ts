import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Role } from '@dasv/auth';
import { CHASE_QUEUE, CHASE_SWEEP_JOB, ChaseSweepResult } from '@dasv/chasing';
import { COURSE_REMINDER_QUEUE } from '@dasv/learning-reports';
import {
  createTestDatabase,
  createUser,
  freePort,
  Mailbox,
  postGraphql,
  requireEnv,
  RunningProcess,
  startCompiledApp,
  waitFor,
  waitUntilHealthy,
} from '@dasv/testing';

const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { email } }`;
const ME = `{ me { email } }`;
const SWEEPS = 200;

/**
 * Two API and two worker processes (the compiled apps `npm start` runs) on one PostgreSQL and Redis,
 * as on several machines behind a load balancer: they must behave as one platform.
 */
describe('several API and worker processes', () => {
  const run = randomBytes(3).toString('hex');
  const processes: RunningProcess[] = [];
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let apis: string[];
  const queues: Queue[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    const [api1, api2, worker1, worker2] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      REDIS_PREFIX: `mp_${run}`,
      PUBLIC_URL: 'http://localhost:3000',
      SIGN_IN_MAX_FAILURES: '3',
    };
    // The API opens a return on 16 November 2026; the workers sweep on Monday 30 November, its 14-day reminder.
    const opening = { now: new Date('2026-11-16T10:00:00Z') };
    const reminderDay = { now: new Date('2026-11-30T09:00:00Z') };
    processes.push(
      startCompiledApp('api 1', 'api', { ...env, API_PORT: `${api1}` }, opening),
      startCompiledApp('api 2', 'api', { ...env, API_PORT: `${api2}` }, opening),
      startCompiledApp('worker 1', 'worker', { ...env, WORKER_PORT: `${worker1}` }, reminderDay),
      startCompiledApp('worker 2', 'worker', { ...env, WORKER_PORT: `${worker2}` }, reminderDay),
    );
    apis = [`http://127.0.0.1:${api1}`, `http://127.0.0.1:${api2}`];
    const health = [...apis.map((api) => `${api}/health/ready`), `http://127.0.0.1:${worker1}/health/ready`, `http://127.0.0.1:${worker2}/health/ready`];
    await Promise.all(processes.map((proc, i) => waitUntilHealthy(proc, health[i])));
    for (const name of [CHASE_QUEUE, COURSE_REMINDER_QUEUE]) {
      queues.push(new Queue(name, { connection: { url: requireEnv('REDIS_URL') }, prefix: `mp_${run}` }));
    }
  }, 150_000);

  afterAll(async () => {
    await Promise.all(processes.map((proc) => proc.stop()));
    await Promise.all(queues.map((queue) => queue.close()));
    await dataSource?.destroy();
    await db?.drop();
  });

  async function signIn(api: string, email: string, password: string) {
    return postGraphql<{ signIn: { email: string } }>(api, SIGN_IN, { i: { email, password } });
  }

  it('all four processes run side by side, none fighting over a port', () => {
    for (const proc of processes) {
      expect(proc.isRunning()).toBe(true);
      expect(proc.output()).not.toContain('EADDRINUSE');
    }
  });

  it('keeps a session made on one API process on the other, and ends it on both', async () => {
    const user = await createUser(dataSource, { odsCode: 'RJ1', email: `session.${run}@nhs.net`, roles: [{ role: Role.ORG_ADMIN }] });
    const signedIn = await signIn(apis[0], user.email, user.password);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.cookie).toBeDefined();

    const onSecond = await postGraphql<{ me: { email: string } }>(apis[1], ME, {}, signedIn.cookie);
    expect(onSecond.errors).toBeUndefined();
    expect(onSecond.data!.me.email).toBe(user.email);

    const signedOut = await postGraphql(apis[1], `mutation { signOut }`, {}, signedIn.cookie);
    expect(signedOut.data).toEqual({ signOut: true });
    const onFirst = await postGraphql(apis[0], ME, {}, signedIn.cookie);
    expect(onFirst.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('counts failed sign-ins on both API processes towards one lockout', async () => {
    const user = await createUser(dataSource, { odsCode: 'RJ1', email: `lockout.${run}@nhs.net` });
    for (const api of apis) {
      const failed = await signIn(api, user.email, 'not the password at all');
      expect(failed.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
    await signIn(apis[0], user.email, 'not the password either');
    // The right password, on the process that saw only one of the three failures.
    const locked = await signIn(apis[1], user.email, user.password);
    expect(locked.errors![0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'AUTH_LOCKED_OUT' });
  });

  it('registers each repeating job once, however many workers start', async () => {
    const [chasing, courseReminders] = queues;
    expect(await chasing.getJobSchedulers()).toHaveLength(1);
    expect(await courseReminders.getJobSchedulers()).toHaveLength(1);
  });

  it(`decides each chase once when ${SWEEPS} sweeps run at the same time on both workers`, async () => {
    const trusts: Array<{ ods_code: string }> = await dataSource.query(
      `SELECT o.ods_code FROM organisation o
       JOIN organisation_ancestor a ON a.descendant_id = o.id
       JOIN organisation r ON r.id = a.ancestor_id AND r.ods_code = 'Y56'
       WHERE o.type = 'TRUST' AND o.is_active ORDER BY 1`,
    );
    expect(trusts.length).toBeGreaterThan(10);
    const adminOf = (ods: string) => `admin.${ods.toLowerCase()}.${run}@nhs.net`;
    for (const { ods_code } of trusts) await createUser(dataSource, { odsCode: ods_code, email: adminOf(ods_code), roles: [{ role: Role.ORG_ADMIN }] });
    const national = await createUser(dataSource, { odsCode: 'X24', email: `national.${run}@nhs.net`, roles: [{ role: Role.NATIONAL_ADMIN }] });
    const { cookie } = await signIn(apis[0], national.email, national.password);
    const opened = await postGraphql<{ openNominationReturn: { id: string } }>(
      apis[1],
      `mutation($i: OpenNominationReturnInput!) { openNominationReturn(input: $i) { id } }`,
      { i: { title: `London trusts ${run}`, organisationTypes: ['TRUST'], scopeOdsCode: 'Y56', deadline: '2026-12-14T17:00' } },
      cookie,
    );
    expect(opened.errors).toBeUndefined();
    const campaign = `nomination-return:${opened.data!.openNominationReturn.id}`;

    const [chasing] = queues;
    // Both workers take sweeps from the one queue.
    expect(await waitFor('both workers to consume the chase queue', async () => (await chasing.getWorkers()).length === 2 || false)).toBe(true);
    await chasing.addBulk(Array.from({ length: SWEEPS }, (_, i) => ({ name: CHASE_SWEEP_JOB, data: {}, opts: { jobId: `sweep-${run}-${i}` } })));
    await waitFor(
      `${SWEEPS} sweeps to finish`,
      async () => {
        const counts = await chasing.getJobCounts('waiting', 'active', 'prioritized', 'completed', 'failed');
        return counts.waiting + counts.active + counts.prioritized === 0 && counts.completed >= SWEEPS && counts;
      },
      120_000,
      200,
    );
    expect(await chasing.getFailedCount()).toBe(0);

    const sweeps = await chasing.getCompleted(0, -1);
    const ours = sweeps.filter((job) => job.id!.startsWith(`sweep-${run}-`));
    expect(ours).toHaveLength(SWEEPS);
    const decided = sweeps.reduce((sum, job) => sum + (job.returnvalue as ChaseSweepResult).chases, 0);
    const log: Array<{ organisation: string; stage: string; due_on: string }> = await dataSource.query(
      `SELECT o.ods_code AS organisation, c.stage, c.due_on::text AS due_on
       FROM chase_log c JOIN organisation o ON o.id = c.organisation_id WHERE c.campaign = $1 ORDER BY 1`,
      [campaign],
    );
    // One reminder per trust, decided by exactly one of the sweeps.
    expect(log).toEqual(trusts.map((t) => ({ organisation: t.ods_code, stage: 'REMINDER', due_on: '2026-11-30' })));
    expect(decided).toBe(trusts.length);

    // And each admin got that reminder once.
    const reminders = await Promise.all(
      trusts.map(async (t) => (await Mailbox.waitFor(adminOf(t.ods_code), 2)).filter((mail) => mail.subject.startsWith('Reminder:')).length),
    );
    expect(reminders).toEqual(trusts.map(() => 1));
  }, 240_000);
});
