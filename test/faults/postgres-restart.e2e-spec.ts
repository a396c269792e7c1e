import {
  acceptedUnrecorded,
  deliveryFigures,
  FaultServices,
  queueEmails,
  startFaultServices,
  startSlowSmtpSink,
  startWorker,
  waitFor,
  WorkerProcess,
} from '@dasv/testing';

/**
 * PostgreSQL killed (postmaster and backends, SIGKILL) and started again on the same data and port
 * while the real worker sends: nothing is lost, and only a send caught between the SMTP server's
 * acceptance and the delivery row's COMMIT can go twice, under the same Message-ID.
 */
describe('a PostgreSQL restart mid-send loses no e-mail', () => {
  let services: FaultServices;
  let sink: Awaited<ReturnType<typeof startSlowSmtpSink>>;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    [services, sink] = await Promise.all([startFaultServices({ ownPostgres: true }), startSlowSmtpSink(40)]);
    worker = await startWorker({ DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, SMTP_URL: sink.url });
  }, 150_000);
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await sink?.stop();
    await services?.stop();
  }, 60_000);

  it('delivers every e-mail owed once PostgreSQL is back, without restarting the worker', async () => {
    const keys = await queueEmails(services, 300, 'postgres');
    await waitFor('60 e-mails recorded', async () => (await deliveryFigures(services, keys, sink.accepted)).recorded >= 60, 60_000, 20);
    await services.restartPostgres();
    // What the SMTP server holds with no delivery row now is what was caught in the window.
    const caught = [...(await acceptedUnrecorded(services, keys, sink.accepted)).values()].reduce((sum, n) => sum + n, 0);

    const figures = await waitFor(
      'every e-mail delivered and the outbox settled',
      async () => {
        const f = await deliveryFigures(services, keys, sink.accepted).catch(() => null);
        return f && f.delivered === keys.length && f.outstanding === 0 ? f : null;
      },
      90_000,
      250,
    );
    expect(figures).toMatchObject({ owed: 300, delivered: 300, lost: 0, outstanding: 0, recorded: 300 });
    expect(figures.duplicates).toBeLessThanOrEqual(caught);
    expect(worker!.child.exitCode).toBeNull();
  }, 150_000);
});
