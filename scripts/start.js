'use strict';
// `npm start`: one command that brings up everything the platform needs on a developer machine and
// takes it all down again on Ctrl-C.
const services = require('./lib/services');
const local = require('./lib/local');
const { build } = require('./build');

const { log, delay, onShutdown, shutdown, stopAll, isShuttingDown, isReady } = services;

const READY_TIMEOUT_MS = 60_000;
const state = { postgres: null, redis: null, smtp: null, cli: null, apps: [] };


async function waitUntilReady(app, url) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (!app.running) throw new Error(`${app.describeExit()} before it became ready`);
    if (await isReady(url)) return;
    if (Date.now() > deadline) throw new Error(`${app.name} was not ready at ${url} after ${READY_TIMEOUT_MS / 1000}s`);
    await delay(100);
  }
}

function stopOnUnexpectedExit(name, exited, output) {
  exited.then(() => {
    if (isShuttingDown()) return;
    // Services run quietly, so their last words are the only clue to why they stopped.
    const tail = output ? output().trim().split('\n').slice(-20).join('\n') : '';
    log(`${name} stopped unexpectedly; stopping everything${tail ? `\n${tail}` : ''}`);
    shutdown(1);
  });
}

async function startServices() {
  const tasks = [];
  if (!process.env.DATABASE_URL) {
    tasks.push(local.startLocalPostgres().then((pg) => (state.postgres = pg)));
  }
  if (!process.env.REDIS_URL) {
    tasks.push(
      services.resolvePort('REDIS_PORT', 6380).then((port) => services.startRedis({ port })).then((redis) => (state.redis = redis)),
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
  for (const service of [state.postgres, state.redis]) {
    if (service && service.process) stopOnUnexpectedExit(service.name, service.exited, service.process.output);
  }
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
  onShutdown(() => stopAll([state.cli, state.apps, state.smtp, state.redis, state.postgres]));
  const phases = [];
  let mark = performance.now();
  const phase = (name) => {
    const now = performance.now();
    phases.push(`${name} ${seconds(mark, now)}s`);
    mark = now;
  };

  services.ensureDependencies();
  await build();
  phase('install+build');

  const [apiPort, workerPort] = await Promise.all([
    services.resolvePort('API_PORT', 3000),
    services.resolvePort('WORKER_PORT', 3001),
  ]);
  await startServices();
  phase('services');

  const env = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || state.postgres.url,
    REDIS_URL: process.env.REDIS_URL || state.redis.url,
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

  const api = local.spawnApp('api', 'api', [], env);
  const worker = local.spawnApp('worker', 'worker', [], env);
  state.apps.push(api, worker);
  await Promise.all([
    waitUntilReady(api, `http://127.0.0.1:${apiPort}/health/ready`),
    waitUntilReady(worker, `http://127.0.0.1:${workerPort}/health/ready`),
  ]);
  phase('api+worker');
  for (const app of state.apps) stopOnUnexpectedExit(app.name, app.exited);

  const web = `http://localhost:${apiPort}`;
  const inbox = state.smtp ? `http://localhost:${state.smtp.httpPort}/` : `(external mail server: ${env.SMTP_URL})`;
  const lines = [
    '',
    '  DASV Network is running',
    `  Web pages   ${web}/`,
    `  GraphQL     ${web}/graphql`,
    `  Mail inbox  ${inbox}`,
    `  Metrics     ${web}/metrics`,
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
