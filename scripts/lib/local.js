'use strict';
// What `npm start` and the npm CLI scripts share: where local data lives, the persistent Postgres
// and the persisted session secret, so both always talk to the same database.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnManaged } = require('./process');
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
async function startLocalPostgres({ attach = false } = {}) {
  const dir = dataDir();
  fs.mkdirSync(dir, { recursive: true });
  const explicit = services.envPort('PG_PORT');
  return services.startPostgres({
    dataDir: path.join(dir, 'postgres'),
    port: explicit,
    preferredPort: DEFAULT_PG_PORT,
    persistent: true,
    database: 'dasv',
    attach,
  });
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

/** Spawns a compiled app (`node -r ./scripts/register-paths.js dist/apps/<app>/src/main.js ...`). */
/**
 * Old-generation heap per long-running process, in MB. V8 otherwise sizes it from the machine's
 * memory and lets garbage pile up to hundreds of MB before a full collection; the API and worker
 * hold little that lives long (content outlines, a trend cache), so a bounded heap keeps them small
 * without costing throughput (bench:elearning: same saves per second, peak RSS 370 → 240 MB).
 * HEAP_MB overrides it for both.
 */
const HEAP_MB = { api: 192, worker: 192 };

function spawnApp(name, app, args, env, options = {}) {
  const main = path.join('dist', 'apps', app, 'src', 'main.js');
  if (!fs.existsSync(path.join(services.ROOT, main))) {
    throw new Error(`${main} does not exist: apps/${app}/src/main.ts has not been written or did not compile`);
  }
  const heapMb = Number(env.HEAP_MB || process.env.HEAP_MB) || HEAP_MB[app];
  const nodeFlags = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  return spawnManaged(name, process.execPath, [...nodeFlags, '-r', path.join(services.ROOT, 'scripts', 'register-paths.js'), path.join(services.ROOT, main), ...args], {
    cwd: options.cwd || services.ROOT,
    env,
    stdio: options.stdio || ['ignore', 'inherit', 'inherit'],
    stopSignal: options.stopSignal || 'SIGTERM',
  });
}

module.exports = { dataDir, startLocalPostgres, sessionSecret, spawnApp, DEFAULT_PG_PORT };
