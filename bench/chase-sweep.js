'use strict';
// `npm run bench:chase-sweep`: how long one chase sweep takes over a nomination return sent to every
// region, ICB and trust in England, none answered, each with an organisation admin, at a reminder
// point; then how fast the worker's sender delivers the reminders to a local SMTP server. It brings
// up its own PostgreSQL, Redis and mail sink (as `npm test` does), migrates and seeds with the
// compiled CLI, and runs the worker's Nest modules in this process from dist/ with a fixed clock.
// A plain SELECT of the same outstanding requests is timed alongside as a baseline, so figures from
// machines of different speed can be compared.
const path = require('node:path');
const crypto = require('node:crypto');
const services = require('../scripts/lib/services');
const { build } = require('../scripts/build');
const { round, median } = require('./lib/figures');
const { runCli, startThrowawayServices } = require('./lib/throwaway-services');

const { ROOT, log, onShutdown, shutdown } = services;

const GOALS = { sweep_s: '<=1', emails_per_s: '>=20' };
// Monday 14 December 2026, 17:00 in London (GMT); 30 November is the 14-day reminder.
const DEADLINE = new Date('2026-12-14T17:00:00Z');
const OPENED = new Date('2026-11-16T10:00:00Z');
const REMINDER_POINT = new Date('2026-11-30T09:00:00Z');
const BASELINE_RUNS = 20;
const DELIVERY_TIMEOUT_MS = 180_000;

const state = { postgres: null, redis: null, smtp: null, worker: null, pg: null };

/** One return asking every open region, ICB and trust; an organisation admin for each of them. */
async function prepareData(pg) {
  const [{ id: returnId }] = (
    await pg.query(
      `INSERT INTO nomination_return (title, organisation_types, scope_root_id, deadline, opened_at)
       SELECT 'DASV leads benchmark', ARRAY['REGION', 'ICB', 'TRUST'], id, $1, $2 FROM organisation WHERE ods_code = 'X24'
       RETURNING id`,
      [DEADLINE, OPENED],
    )
  ).rows;
  const asked = await pg.query(
    `INSERT INTO nomination_request (return_id, organisation_id)
     SELECT $1, id FROM organisation WHERE is_active AND type IN ('REGION', 'ICB', 'TRUST')`,
    [returnId],
  );
  await pg.query(
    `WITH people AS (
       INSERT INTO app_user (email, name, organisation_id, password_hash)
       SELECT 'admin.' || lower(ods_code) || '@bench.nhs.net', 'Admin of ' || ods_code, id, NULL
       FROM organisation WHERE is_active AND type IN ('REGION', 'ICB', 'TRUST')
       RETURNING id, organisation_id
     )
     INSERT INTO role_assignment (user_id, organisation_id, role) SELECT id, organisation_id, 'ORG_ADMIN' FROM people`,
  );
  await pg.query('ANALYZE');
  return { returnId, orgs: asked.rowCount };
}

/** The least a sweep must do: read the outstanding requests with their organisations. */
async function baselineSelect(pg, returnId) {
  const samples = [];
  for (let i = 0; i < BASELINE_RUNS; i++) {
    const started = performance.now();
    await pg.query(
      `SELECT o.id, o.ods_code, o.name, o.type, o.parent_id FROM nomination_request r JOIN organisation o ON o.id = r.organisation_id
       WHERE r.return_id = $1 AND r.responded_at IS NULL`,
      [returnId],
    );
    samples.push((performance.now() - started) / 1000);
  }
  return median(samples);
}

async function bootWorker(env) {
  Object.assign(process.env, env);
  require(path.join(ROOT, 'scripts', 'register-paths.js'));
  const { Test } = require('@nestjs/testing');
  const { Clock, FixedClock } = require('@dasv/common');
  const { ChaseSweepService, ChaseSweepScheduler } = require('@dasv/chasing');
  const { WorkerModule } = require(path.join(ROOT, 'dist', 'apps', 'worker', 'src', 'worker.module.js'));
  const { OutboxRelayService } = require(path.join(ROOT, 'dist', 'apps', 'worker', 'src', 'outbox-relay.service.js'));
  const clock = new FixedClock(REMINDER_POINT);
  // The sweep is timed by hand, at a chosen moment: the repeating job must not run one first.
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(ChaseSweepScheduler)
    .useValue({ schedulerId: 'chase-sweep', schedule: async () => {}, isScheduled: async () => true, unschedule: async () => false })
    .compile();
  const worker = moduleRef.createNestApplication();
  await worker.init();
  return { worker, sweep: worker.get(ChaseSweepService), relay: worker.get(OutboxRelayService) };
}

async function main() {
  services.setSignalExitCode(130);
  services.ensureDependencies();
  await build();
  Object.assign(state, await startThrowawayServices({ prefix: 'dasv-bench-chase-', database: 'dasv_bench', fast: true }));
  onShutdown(async () => {
    if (state.pg) await state.pg.end().catch(() => {});
    if (state.worker) await state.worker.close().catch(() => {});
  });

  const env = {
    DATABASE_URL: state.postgres.url,
    REDIS_URL: state.redis.url,
    SMTP_URL: state.smtp.smtpUrl,
    SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    REDIS_PREFIX: 'bench',
  };
  runCli(['migrate', 'up'], env);
  runCli(['seed'], env);

  const { Client } = require('pg');
  state.pg = new Client({ connectionString: state.postgres.url });
  await state.pg.connect();
  const { returnId, orgs } = await prepareData(state.pg);
  log(`return ${returnId} asks ${orgs} organisations, each with an organisation admin`);

  const { worker, sweep, relay } = await bootWorker(env);
  state.worker = worker;
  const baseline = await baselineSelect(state.pg, returnId);

  const sweepStarted = performance.now();
  const result = await sweep.run();
  const sweepSeconds = (performance.now() - sweepStarted) / 1000;
  log(`sweep at a reminder point: ${result.chases} reminders, ${result.emails} e-mails decided in ${sweepSeconds.toFixed(3)}s`);

  const againStarted = performance.now();
  const again = await sweep.run();
  const againSeconds = (performance.now() - againStarted) / 1000;
  if (again.emails !== 0) throw new Error(`a second sweep decided ${again.emails} e-mails again`);
  log(`second sweep (everything already decided): ${againSeconds.toFixed(3)}s`);

  // Delivery: relay the outbox at once rather than wait for the relay's next tick, then wait until
  // the sender has recorded every e-mail as delivered and the sink has received them all.
  const deliveryStarted = performance.now();
  const sinkBefore = state.smtp.messages.length;
  await relay.drain();
  let delivered;
  for (;;) {
    delivered = (await state.pg.query(`SELECT count(*)::int AS n FROM email_delivery WHERE key LIKE 'chase|%'`)).rows[0].n;
    if (delivered >= result.emails && state.smtp.messages.length - sinkBefore >= result.emails) break;
    if (performance.now() - deliveryStarted > DELIVERY_TIMEOUT_MS)
      throw new Error(`only ${delivered} of ${result.emails} e-mails delivered after ${DELIVERY_TIMEOUT_MS / 1000}s`);
    await services.delay(10);
  }
  const deliverySeconds = (performance.now() - deliveryStarted) / 1000;
  const perSecond = result.emails / deliverySeconds;
  log(`delivered ${delivered} e-mails through the worker's sender to the SMTP sink in ${deliverySeconds.toFixed(2)}s (${perSecond.toFixed(0)}/s)`);

  const summary = {
    sweep_s: round(sweepSeconds, 3),
    orgs,
    emails: result.emails,
    emails_per_s: round(perSecond, 1),
    delivery_s: round(deliverySeconds, 2),
    repeat_sweep_s: round(againSeconds, 3),
    baseline_select_s: round(baseline, 4),
    sweep_ratio: round(sweepSeconds / baseline, 1),
    goals: GOALS,
    meets_goals: { sweep_s: sweepSeconds <= 1, emails_per_s: perSecond >= 20 },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return shutdown(0);
}

main().catch((err) => {
  process.stderr.write(`[dasv] bench:chase-sweep failed: ${err.stack || err.message}\n`);
  shutdown(1);
});
