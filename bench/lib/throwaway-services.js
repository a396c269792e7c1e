'use strict';
// What the benches that need their own data share: a PostgreSQL, Redis and mail sink of their own in
// a temporary directory (as `npm test` does), removed again at shutdown, and the compiled CLI to
// migrate and seed them, run exactly as `npm start` runs it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const services = require('../../scripts/lib/services');

const { ROOT, onShutdown, stopAll } = services;

/** Runs `dist/apps/cli` with the given arguments; throws with its output when it fails. */
function runCli(args, env) {
  const result = spawnSync(
    process.execPath,
    ['-r', path.join(ROOT, 'scripts', 'register-paths.js'), path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * Starts PostgreSQL, Redis and an SMTP sink in a new directory under the system's temporary one and
 * registers their shutdown. `fast` trades crash safety for speed (fsync off) for the whole run.
 * Returns { tmp, postgres, redis, smtp }.
 */
async function startThrowawayServices({ prefix, database, fast }) {
  const state = { tmp: null, postgres: null, redis: null, smtp: null };
  onShutdown(() => {
    if (state.tmp) fs.rmSync(state.tmp, { recursive: true, force: true });
  });
  onShutdown(() => stopAll([state.smtp, state.redis, state.postgres]));

  await services.ensureRedisServer();
  state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // Postgres runs as its own user, which must be able to enter the directory it lives in.
  fs.chmodSync(state.tmp, 0o711);
  const [pgPort, redisPort] = await Promise.all([services.freePort(), services.freePort()]);
  const started = await Promise.allSettled([
    services.startPostgres({ dataDir: path.join(state.tmp, 'postgres'), port: pgPort, persistent: false, database, fast }).then((pg) => (state.postgres = pg)),
    services.startRedis({ port: redisPort }).then((redis) => (state.redis = redis)),
    services.startSmtpSink({}).then((smtp) => (state.smtp = smtp)),
  ]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return state;
}

module.exports = { runCli, startThrowawayServices };
