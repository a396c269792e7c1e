'use strict';
// Runs the compiled CLI app (migrations, organisation imports) against the same local database as
// `npm start`, starting that database only for as long as the command needs it.
const os = require('node:os');
const services = require('./lib/services');
const local = require('./lib/local');
const { build } = require('./build');

const { onShutdown, shutdown, stopAll, isShuttingDown } = services;

async function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    process.stderr.write('usage: node scripts/cli.js <command> [args...]   e.g. migrate up | migrate status | orgs:import FILE...\n');
    process.exit(2);
  }
  services.setSignalExitCode(130);
  const state = { postgres: null, cli: null };
  onShutdown(() => stopAll([state.cli, state.postgres]));

  services.ensureDependencies();
  await build();

  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development' };
  if (!env.DATABASE_URL) {
    state.postgres = await local.startLocalPostgres({ attach: true });
    env.DATABASE_URL = state.postgres.url;
    if (state.postgres.attached) services.log('using the Postgres of the running `npm start`');
  }
  // Only `seed` brings up the account services that sign sessions; migrations and imports need the
  // database alone and run from a shell with nothing but DATABASE_URL set.
  if (args[0] === 'seed') env.SESSION_SECRET = local.sessionSecret();

  // npm runs scripts from the project root; INIT_CWD is where the operator typed the command, so
  // relative file names resolve there.
  state.cli = local.spawnApp('cli', 'cli', args, env, {
    cwd: process.env.INIT_CWD || process.cwd(),
    stdio: 'inherit',
    stopSignal: 'SIGINT',
  });
  const { code, signal, error } = await state.cli.exited;
  if (isShuttingDown()) return;
  if (error) throw error;
  state.cli = null;
  await shutdown(signal ? 128 + (os.constants.signals[signal] || 1) : code);
}

main().catch((err) => {
  if (isShuttingDown()) return;
  process.stderr.write(`[dasv] ${err.message}\n`);
  shutdown(1);
});
