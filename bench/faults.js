'use strict';
// `npm run bench:faults`: does e-mail survive crashes? Queues EMAILS e-mails through the outbox, runs
// the compiled worker as a child process against a PostgreSQL, Redis and SMTP server of its own, and
// while it sends: SIGKILLs the worker KILLS times (starting a new one at once), kills Redis and starts
// it again empty on the same port, and kills PostgreSQL and starts it again on the same data. Then
// waits until the outbox is settled and counts what reached the SMTP server by Message-ID.
// The last line is JSON: owed, delivered, lost (goal 0), duplicates (goal: no more than the sends
// caught between the SMTP server's acceptance and the delivery row's COMMIT), recovery_s per fault.
const path = require('node:path');
const services = require('../scripts/lib/services');
const { build } = require('../scripts/build');
const { round } = require('./lib/figures');

const { ROOT, log, onShutdown, shutdown } = services;

const EMAILS = Number(process.env.EMAILS) || 1500;
const KILLS = Number(process.env.KILLS) || 5;
const SMTP_DELAY_MS = 20;
const SETTLE_TIMEOUT_MS = 180_000;

const state = { faults: null, sink: null, worker: null };

async function main() {
  services.setSignalExitCode(130);
  services.ensureDependencies();
  await build();
  require(path.join(ROOT, 'scripts', 'register-paths.js'));
  const faults = require(path.join(ROOT, 'dist', 'libs', 'testing', 'src', 'faults.js'));
  onShutdown(async () => {
    if (state.worker) state.worker.kill('SIGKILL');
    if (state.sink) await state.sink.stop();
    if (state.faults) await state.faults.stop();
  });

  state.faults = await faults.startFaultServices({ ownPostgres: true });
  state.sink = await faults.startSlowSmtpSink(SMTP_DELAY_MS);
  const env = { DATABASE_URL: state.faults.databaseUrl, REDIS_URL: state.faults.redisUrl, SMTP_URL: state.sink.url, LOG_LEVEL: 'error' };
  const keys = await faults.queueEmails(state.faults, EMAILS, 'bench');
  log(`${EMAILS} e-mails queued; ${KILLS} worker kills, one Redis and one PostgreSQL restart while sending`);

  const figures = () => faults.deliveryFigures(state.faults, keys, state.sink.accepted);
  const recorded = async () => (await figures()).recorded;
  /** Seconds from a fault until another e-mail is recorded as delivered. */
  async function recovery(started, before) {
    await faults.waitUntil('delivery to resume', async () => (await recorded().catch(() => before)) > before, 120_000, 50);
    return round((Date.now() - started) / 1000, 2);
  }
  /** Sends the SMTP server has accepted with no delivery row: only these can be sent twice. */
  // Message-ID → most copies the server held unrecorded at any fault: each copy was a send cut off
  // before its COMMIT, so the final copy count less one is at most this.
  const caughtCopies = new Map();
  async function noteSendWindow() {
    const copies = await faults.waitUntil(
      'the database',
      () => faults.acceptedUnrecorded(state.faults, keys, state.sink.accepted).catch(() => null),
      60_000,
      250,
    );
    for (const [id, n] of copies) caughtCopies.set(id, Math.max(n, caughtCopies.get(id) || 0));
  }

  const recovery_s = { worker_kill: [], redis_restart: null, postgres_restart: null };
  const step = Math.floor(EMAILS / (KILLS + 3));
  state.worker = await faults.startWorker(env);
  for (let i = 1; i <= KILLS; i++) {
    await faults.waitUntil(`${i * step} e-mails recorded`, async () => (await recorded()) >= i * step, 120_000, 10);
    const before = await recorded();
    const started = Date.now();
    state.worker.kill('SIGKILL');
    await state.worker.exited;
    await noteSendWindow();
    state.worker = await faults.startWorker(env);
    recovery_s.worker_kill.push(await recovery(started, before));
  }

  await faults.waitUntil('Redis restart point', async () => (await recorded()) >= (KILLS + 1) * step, 120_000, 10);
  let before = await recorded();
  let started = Date.now();
  await state.faults.restartRedis();
  recovery_s.redis_restart = await recovery(started, before);

  await faults.waitUntil('PostgreSQL restart point', async () => (await recorded()) >= (KILLS + 2) * step, 120_000, 10);
  before = await recorded();
  started = Date.now();
  await state.faults.restartPostgres();
  await noteSendWindow();
  recovery_s.postgres_restart = await recovery(started, before);

  const caught = [...caughtCopies.values()].reduce((sum, n) => sum + n, 0);
  const settled = await faults
    .waitUntil(
      'every e-mail delivered and the outbox settled',
      async () => {
        const f = await figures().catch(() => null);
        return f && f.delivered === f.owed && f.outstanding === 0 ? f : null;
      },
      SETTLE_TIMEOUT_MS,
      250,
    )
    .catch(async () => figures());

  const summary = {
    owed: settled.owed,
    delivered: settled.delivered,
    lost: settled.lost,
    duplicates: settled.duplicates,
    kills: KILLS,
    sends_caught_in_window: caught,
    outbox_outstanding: settled.outstanding,
    recovery_s,
    goals: { lost: 0, duplicates: `<=${caught} (sends caught between SMTP acceptance and COMMIT)`, outbox_outstanding: 0 },
    meets_goals: { lost: settled.lost === 0, duplicates: settled.duplicates <= caught, outbox_outstanding: settled.outstanding === 0 },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return shutdown(0);
}

main().catch((err) => {
  process.stderr.write(`[dasv] bench:faults failed: ${err.stack || err.message}\n`);
  shutdown(1);
});
