import { Queue } from 'bullmq';
import { deliveryFigures, FaultServices, queueEmails, startFaultServices, startSlowSmtpSink, startWorker, waitFor, WorkerProcess } from '@dasv/testing';
import { CHASE_QUEUE, CHASE_SWEEP_JOB } from '@dasv/chasing';
import { COURSE_REMINDER_QUEUE, COURSE_REMINDER_SWEEP_JOB } from '@dasv/learning-reports';

/**
 * Redis killed and started again empty on the same port (a throwaway Redis after a crash) while two
 * real worker processes run: queued e-mails are not lost, and the job schedulers come back.
 */
describe('a Redis restart loses neither e-mail nor job schedulers', () => {
  let services: FaultServices;
  let sink: Awaited<ReturnType<typeof startSlowSmtpSink>>;
  let queues: Queue[];
  const workers: WorkerProcess[] = [];
  const schedulersOnce = async () => {
    const [chase, reminders] = await Promise.all(queues.map((q) => q.getJobSchedulers()));
    return chase.length === 1 && chase[0].key === CHASE_SWEEP_JOB && reminders.length === 1 && reminders[0].key === COURSE_REMINDER_SWEEP_JOB;
  };

  beforeAll(async () => {
    [services, sink] = await Promise.all([startFaultServices(), startSlowSmtpSink(40)]);
    const env = { DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, SMTP_URL: sink.url };
    workers.push(...(await Promise.all([startWorker(env), startWorker(env)])));
    queues = [CHASE_QUEUE, COURSE_REMINDER_QUEUE].map((name) => new Queue(name, { connection: { url: services.redisUrl }, prefix: 'faults' }));
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await Promise.all((queues ?? []).map((q) => q.close()));
    await sink?.stop();
    await services?.stop();
  }, 60_000);

  it('keeps each job scheduler once with two workers, and readiness fails while one is missing', async () => {
    await waitFor('both workers ready', async () => (await Promise.all(workers.map((w) => w.ready()))).every((r) => r.status === 200), 30_000);
    expect(await schedulersOnce()).toBe(true);
    expect((await workers[0].ready()).body).toMatchObject({
      status: 'ok',
      schedulers: { [CHASE_SWEEP_JOB]: 'scheduled', [COURSE_REMINDER_SWEEP_JOB]: 'scheduled' },
    });

    await queues[0].removeJobScheduler(CHASE_SWEEP_JOB);
    const ready = await workers[0].ready();
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', schedulers: { [CHASE_SWEEP_JOB]: 'missing', [COURSE_REMINDER_SWEEP_JOB]: 'scheduled' } });
  }, 60_000);

  it('delivers every e-mail owed and registers the schedulers again after Redis restarts mid-send, without restarting the workers', async () => {
    const keys = await queueEmails(services, 300, 'redis');
    await waitFor('60 e-mails recorded', async () => (await deliveryFigures(services, keys, sink.accepted)).recorded >= 60, 60_000, 20);
    const restarted = Date.now();
    await services.restartRedis();

    await waitFor('the schedulers back, once each', schedulersOnce, 30_000);
    await waitFor('both workers ready again', async () => (await Promise.all(workers.map((w) => w.ready()))).every((r) => r.status === 200), 30_000);
    const figures = await waitFor(
      'every e-mail delivered and the outbox settled',
      async () => {
        const f = await deliveryFigures(services, keys, sink.accepted);
        return f.delivered === keys.length && f.outstanding === 0 ? f : null;
      },
      60_000,
      250,
    );
    expect(figures).toMatchObject({ owed: 300, delivered: 300, lost: 0, outstanding: 0, recorded: 300 });
    // Sends under way when Redis went are recorded under their key: their jobs, added again, send nothing.
    expect(figures.duplicates).toBe(0);
    expect(Date.now() - restarted).toBeLessThan(60_000);
    for (const worker of workers) expect(worker.child.exitCode).toBeNull();
  }, 150_000);
});
