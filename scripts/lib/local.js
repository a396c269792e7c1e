'use strict';
// What `npm start` and the npm CLI scripts share: where local data lives, the persistent Postgres
// and the persisted session secret, so both always talk to the same database.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const cluster = require('node:cluster');
const { spawnManaged, manageChild } = require('./process');
const { readableLogs } = require('./readable-logs');
const services = require('./services');

const DEFAULT_PG_PORT = 5433;

/** DATA_DIR (relative to where npm was run) or <project>/.data. */
function dataDir() {
  const base = process.env.INIT_CWD || process.cwd();
  return path.resolve(base, process.env.DATA_DIR || path.join(services.ROOT, '.data'));
}

/**
 * Starts the persistent development Postgres in <data>/postgres: PG_PORT if set, else 5433 when
 * free, else any free port. With attach, a cluster already run by a live `npm start` is reused.
 */
async function startLocalPostgres({ attach = false, port } = {}) {
  const dir = dataDir();
  fs.mkdirSync(dir, { recursive: true });
  const explicit = port || services.envPort('PG_PORT');
  return services.startPostgres({
    dataDir: path.join(dir, 'postgres'),
    port: explicit,
    preferredPort: DEFAULT_PG_PORT,
    persistent: true,
    database: 'dasv',
    attach,
  });
}

/** Where `npm start`'s Redis keeps its append-only file: <data>/redis. */
function redisDataDir() {
  return path.join(dataDir(), 'redis');
}

/** SESSION_SECRET from the environment, else one generated once and kept in <data>/session-secret. */
function sessionSecret() {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const dir = dataDir();
  const file = path.join(dir, 'session-secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing) {
      if ((fs.statSync(file).mode & 0o777) !== 0o600) fs.chmodSync(file, 0o600);
      return existing;
    }
  } catch {
    // first run
  }
  fs.mkdirSync(dir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return secret;
}

/**
 * Old-generation heap per long-running process, in MB. V8 otherwise sizes it from the machine's
 * memory and lets garbage pile up to hundreds of MB before a full collection; the API and worker
 * hold little that lives long (content outlines, a trend cache), so a bounded heap keeps them small
 * without costing throughput (bench:elearning: same saves per second, peak RSS 370 → 240 MB).
 * HEAP_MB overrides it for both.
 */
const HEAP_MB = { api: 192, worker: 192 };

function appEntry(app) {
  const main = path.join('dist', 'apps', app, 'src', 'main.js');
  if (!fs.existsSync(path.join(services.ROOT, main))) {
    throw new Error(`${main} does not exist: apps/${app}/src/main.ts has not been written or did not compile`);
  }
  return path.join(services.ROOT, main);
}

function nodeFlags(app, env) {
  const heapMb = Number(env.HEAP_MB || process.env.HEAP_MB) || HEAP_MB[app];
  return [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), '-r', path.join(services.ROOT, 'scripts', 'register-paths.js')];
}

/**
 * Spawns a compiled app (`node -r ./scripts/register-paths.js dist/apps/<app>/src/main.js ...`). Its
 * output goes to ours, and its tail is kept to explain a crash.
 */
function spawnApp(name, app, args, env, options = {}) {
  const main = appEntry(app);
  return spawnManaged(name, process.execPath, [...nodeFlags(app, env), main, ...args], {
    cwd: options.cwd || services.ROOT,
    env,
    stdio: options.stdio,
    forward: !options.stdio,
    format: options.stdio ? undefined : readableLogs(),
    stopSignal: options.stopSignal || 'SIGTERM',
  });
}

/**
 * Forks a compiled app as a cluster worker of this process: every API process calls listen() on the
 * same API_PORT and the cluster module (this process) owns the one socket and hands connections
 * round-robin to the live ones, so N API processes answer at one address and none binds the port
 * itself. A worker exits by itself when this process dies (its IPC channel closes).
 */
function forkApp(name, app, env) {
  cluster.setupPrimary({ exec: appEntry(app), args: [], execArgv: nodeFlags(app, env), cwd: services.ROOT, silent: true });
  const worker = cluster.fork(env);
  const proc = manageChild(name, worker.process, { stopSignal: 'SIGTERM', forward: true, format: readableLogs() });
  proc.listening = new Promise((resolve) => worker.once('listening', () => resolve()));
  return proc;
}

module.exports = { dataDir, redisDataDir, startLocalPostgres, sessionSecret, spawnApp, forkApp, DEFAULT_PG_PORT };
