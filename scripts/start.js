'use strict';
// `npm start`: one command that brings up everything the platform needs on a developer machine and
// takes it all down again on Ctrl-C.
const services = require('./lib/services');
const local = require('./lib/local');
const { Supervisor } = require('./lib/supervisor');
const { build } = require('./build');

const { log, delay, onShutdown, shutdown, stopAll, isShuttingDown, isReady } = services;

const READY_TIMEOUT_MS = 60_000;
/** How long a worker may take to finish its in-flight jobs after SIGTERM before it is killed. */
const WORKER_DRAIN_MS = 15_000;
const MAX_PROCESSES = 16;
// Each entry is a supervisor once its process is up, or the bare process while it starts.
const state = { postgres: null, redis: null, smtp: null, cli: null, apis: [], workers: [] };

/** API_PROCESSES / WORKER_PROCESSES: a whole number from 1 to MAX_PROCESSES, default 1. */
function processCount(name) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return 1;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > MAX_PROCESSES) {
    throw new Error(`${name} must be a whole number from 1 to ${MAX_PROCESSES}, got "${raw}"`);
  }
  return count;
}

async function waitUntilReady(app, url, before = Promise.resolve()) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  await Promise.race([before, app.exited]);
  for (;;) {
    if (!app.running) throw new Error(`${app.describeExit()} before it became ready`);
    if (await isReady(url)) return;
    if (Date.now() > deadline) throw new Error(`${app.name} was not ready at ${url} after ${READY_TIMEOUT_MS / 1000}s`);
    await delay(100);
  }
}

/** A crash restarts the process; only a crash loop stops everything, saying which process and why. */
function supervise(name, child, start, stopOptions) {
  const supervisor = new Supervisor({
    name,
    start,
    stopOptions,
    isShuttingDown,
    onGiveUp: () => {
      log('stopping everything');
      shutdown(1);
    },
  });
  supervisor.adopt(child);
  return supervisor;
}

async function startServices() {
  const tasks = [];
  if (!process.env.DATABASE_URL) {
    tasks.push(local.startLocalPostgres().then((pg) => (state.postgres = pg)));
  }
  if (!process.env.REDIS_URL) {
    tasks.push(
      services
        .resolvePort('REDIS_PORT', 6380)
        .then((port) => services.startRedis({ port, dataDir: local.redisDataDir() }))
        .then((redis) => (state.redis = redis)),
    );
  }
  if (!process.env.SMTP_URL) {
    tasks.push(
      Promise.all([services.resolvePort('SMTP_PORT', 1025), services.resolvePort('SMTP_WEB_PORT', 1080)])
        .then(([smtpPort, httpPort]) => services.startSmtpSink({ smtpPort, httpPort }))
        .then((smtp) => (state.smtp = smtp)),
    );
  }
  // Wait for every service, even after one failed, so the shutdown path knows about all of them.
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const urls = { postgres: state.postgres && state.postgres.url, redis: state.redis && state.redis.url };
  // Restarted on the same data directory and port, so the URLs the apps were given stay right.
  if (state.postgres && state.postgres.process) {
    const { port } = state.postgres;
    state.postgres = supervise('postgres', state.postgres, () => local.startLocalPostgres({ port }));
  }
  if (state.redis) {
    const { port } = state.redis;
    state.redis = supervise('redis', state.redis, () => services.startRedis({ port, dataDir: local.redisDataDir() }));
  }
  return urls;
}

async function runCliStep(args, env) {
  let output = '';
  state.cli = local.spawnApp(`cli ${args.join(' ')}`, 'cli', args, env, { stdio: ['ignore', 'pipe', 'inherit'] });
  state.cli.child.stdout.on('data', (chunk) => {
    output += chunk;
    process.stdout.write(chunk);
  });
  const result = await state.cli.exited;
  const description = state.cli.describeExit();
  state.cli = null;
  if (isShuttingDown()) await new Promise(() => {});
  if (result.error || result.code !== 0) throw new Error(`\`${args.join(' ')}\` failed: ${description}`);
  return output;
}

function seconds(fromMs, toMs = performance.now()) {
  return ((toMs - fromMs) / 1000).toFixed(1);
}

async function main() {
  // Stop taking traffic first; then let the workers finish what they hold while the mail server,
  // Redis and PostgreSQL they need are still up; Redis stops on SIGTERM, which flushes its
  // append-only file.
  onShutdown(() =>
    stopAll([state.cli, state.apis, state.workers.map((worker) => () => worker.stop({ timeoutMs: WORKER_DRAIN_MS })), state.smtp, state.redis, state.postgres]),
  );
  const phases = [];
  let mark = performance.now();
  const phase = (name) => {
    const now = performance.now();
    phases.push(`${name} ${seconds(mark, now)}s`);
    mark = now;
  };

  const apiCount = processCount('API_PROCESSES');
  const workerCount = processCount('WORKER_PROCESSES');
  services.ensureDependencies();
  await build();
  phase('install+build');

  const [apiPort, workerPort] = await Promise.all([services.resolvePort('API_PORT', 3000), services.resolvePort('WORKER_PORT', 3001)]);
  // Every worker serves its own /health and /metrics, so each has a port of its own.
  const workerPorts = [workerPort];
  for (let i = 1; i < workerCount; i++) workerPorts.push(await services.pickPort(workerPort + i));
  const urls = await startServices();
  phase('services');

  const env = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || urls.postgres,
    REDIS_URL: process.env.REDIS_URL || urls.redis,
    REDIS_PREFIX: process.env.REDIS_PREFIX || 'dasv',
    SMTP_URL: process.env.SMTP_URL || state.smtp.smtpUrl,
    SESSION_SECRET: local.sessionSecret(),
    API_PORT: String(apiPort),
    WORKER_PORT: String(workerPort),
    PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${apiPort}`,
    MAIL_FROM: process.env.MAIL_FROM || 'DASV Network <no-reply@dasv.localhost>',
    NODE_ENV: process.env.NODE_ENV || 'development',
  };
  if (state.smtp) env.SMTP_SINK_URL = state.smtp.webUrl;

  await runCliStep(['migrate', 'up'], env);
  phase('migrate');
  const seedOutput = await runCliStep(['seed'], env);
  phase('seed');

  const apiName = (i) => (apiCount > 1 ? `api ${i + 1}` : 'api');
  const workerName = (i) => (workerCount > 1 ? `worker ${i + 1}` : 'worker');
  const startApi = (i) => local.forkApp(apiName(i), 'api', env);
  const startWorker = (i) => local.spawnApp(workerName(i), 'worker', [], { ...env, WORKER_PORT: String(workerPorts[i]) });
  state.apis = Array.from({ length: apiCount }, (_, i) => startApi(i));
  state.workers = workerPorts.map((_, i) => startWorker(i));
  await Promise.all([
    ...state.apis.map((api) => waitUntilReady(api, `http://127.0.0.1:${apiPort}/health/ready`, api.listening)),
    ...state.workers.map((worker, i) => waitUntilReady(worker, `http://127.0.0.1:${workerPorts[i]}/health/ready`)),
  ]);
  phase('api+worker');
  state.apis = state.apis.map((api, i) => supervise(apiName(i), api, () => startApi(i)));
  state.workers = state.workers.map((worker, i) => supervise(workerName(i), worker, () => startWorker(i), { timeoutMs: WORKER_DRAIN_MS }));
  for (const app of [...state.apis, ...state.workers]) log(`${app.name} is running (pid ${app.current.pid})`);

  const web = `http://localhost:${apiPort}`;
  const inbox = state.smtp ? `http://localhost:${state.smtp.httpPort}/` : `(external mail server: ${env.SMTP_URL})`;
  const lines = [
    '',
    '  DASV Network is running',
    `  Web pages   ${web}/`,
    `  GraphQL     ${web}/graphql`,
    `  Mail inbox  ${inbox}`,
    `  Metrics     ${web}/metrics`,
    `  Processes   ${apiCount} API on port ${apiPort}, ${workerCount} worker${workerCount > 1 ? 's' : ''} (health and metrics on port${workerCount > 1 ? 's' : ''} ${workerPorts.join(', ')})`,
    '  Ctrl-C stops everything.',
  ];
  // The seed shows a new administrator's password only once; repeat it here, below the apps'
  // start-up logs, where it cannot scroll past unnoticed.
  if (/password/i.test(seedOutput)) {
    lines.push('', '  From the seed (not shown again on later starts):');
    for (const line of seedOutput.split('\n')) if (line.trim()) lines.push(`    ${line.trim()}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  log(`ready in ${seconds(0)}s (${phases.join(', ')})`);
}

main().catch((err) => {
  if (isShuttingDown()) return;
  process.stderr.write(`[dasv] npm start failed: ${err.message}\n`);
  shutdown(1);
});
