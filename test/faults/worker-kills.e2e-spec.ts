import { Queue } from 'bullmq';
import {
  deliveryFigures,
  expectedMessageId,
  FaultServices,
  queueEmails,
  startFaultServices,
  startSlowSmtpSink,
  startWorker,
  waitFor,
  WorkerProcess,
} from '@dasv/testing';
import { EMAIL_QUEUE } from '@dasv/notifications';

/**
 * The real worker (dist/, a child process) sending through the outbox to an SMTP server that takes
 * a while to accept each message, killed with SIGKILL mid-send again and again, and stopped with
 * SIGINT mid-send. Its PostgreSQL and Redis are its own.
 */
describe('e-mail survives the worker being killed or stopped mid-send', () => {
  let services: FaultServices;
  let sink: Awaited<ReturnType<typeof startSlowSmtpSink>>;
  let env: Record<string, string>;
  let queue: Queue;
  const workers: WorkerProcess[] = [];
  const start = async () => {
    const worker = await startWorker(env);
    workers.push(worker);
    return worker;
  };
  const sentSoFar = (keys: string[]) => async () => (await deliveryFigures(services, keys, sink.accepted)).recorded;
  /** Every message the SMTP server accepted for this batch, with the Message-ID its key should give it. */
  const messageIds = (label: string, keys: string[]) =>
    sink.accepted
      .filter((m) => m.subject.startsWith(`Fault test ${label} `))
      .map((m) => ({ got: m.messageId, expected: expectedMessageId(keys[Number(m.subject.split(' ').pop())]) }));

  beforeAll(async () => {
    [services, sink] = await Promise.all([startFaultServices(), startSlowSmtpSink(40)]);
    env = { DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, SMTP_URL: sink.url };
    queue = new Queue(EMAIL_QUEUE, { connection: { url: services.redisUrl }, prefix: 'faults' });
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await queue?.close();
    await sink?.stop();
    await services?.stop();
  }, 60_000);

  it('delivers every e-mail owed after three SIGKILLs mid-send; a resent one carries the same Message-ID', async () => {
    const keys = await queueEmails(services, 300, 'kill');
    let kills = 0;
    for (const threshold of [40, 100, 160]) {
      const worker = await start();
      await waitFor(`${threshold} e-mails recorded`, async () => (await sentSoFar(keys)()) >= threshold, 60_000, 20);
      worker.kill('SIGKILL');
      await worker.exited;
      kills++;
    }
    await start();
    const figures = await waitFor(
      'every e-mail delivered and the outbox settled',
      async () => {
        const f = await deliveryFigures(services, keys, sink.accepted);
        return f.delivered === keys.length && f.outstanding === 0 && f.recorded === keys.length ? f : null;
      },
      60_000,
      250,
    );
    expect(figures).toMatchObject({ owed: 300, delivered: 300, lost: 0, outstanding: 0, recorded: 300 });
    // Only a kill between the SMTP server's acceptance and our COMMIT resends, at most one per send
    // under way (the processor sends 8 at once); the Message-ID is the key's, so a resend is the same message.
    expect(figures.duplicates).toBeLessThanOrEqual(kills * 8);
    const ids = messageIds('kill', keys);
    expect(ids.length).toBe(300 + figures.duplicates);
    for (const { got, expected } of ids) expect(got).toBe(expected);
  }, 180_000);

  it('drains on SIGINT: jobs under way finish, nothing is left running, and the worker exits 0', async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    const keys = await queueEmails(services, 200, 'drain');
    const worker = await start();
    await waitFor('40 e-mails recorded', async () => (await sentSoFar(keys)()) >= 40, 60_000, 20);
    worker.kill('SIGINT');
    expect(await worker.exited).toEqual({ code: 0, signal: null });

    // Nothing was left active for another worker to take over: every send under way finished and was recorded.
    expect(await queue.getActiveCount()).toBe(0);
    const stopped = await deliveryFigures(services, keys, sink.accepted);
    expect(stopped.duplicates).toBe(0);
    expect(stopped.delivered).toBe(stopped.recorded);
    expect(stopped.recorded).toBeLessThan(keys.length);

    await start();
    const figures = await waitFor(
      'every e-mail delivered and the outbox settled',
      async () => {
        const f = await deliveryFigures(services, keys, sink.accepted);
        return f.delivered === keys.length && f.outstanding === 0 ? f : null;
      },
      60_000,
      250,
    );
    expect(figures).toMatchObject({ owed: 200, delivered: 200, lost: 0, duplicates: 0, outstanding: 0 });
  }, 120_000);
});
