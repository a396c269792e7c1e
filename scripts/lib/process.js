'use strict';
// Child process supervision shared by the launcher scripts: every long-running child is tracked so
// that one shutdown path can stop them in order, and nothing outlives the launcher.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const managed = new Set();
const cleanups = [];
let shutdownPromise = null;
let shutdownDone = false;
let handlersInstalled = false;
let signalExitCode = 0;

function log(message) {
  process.stdout.write(`[dasv] ${message}\n`);
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function findOnPath(name, extraDirs = []) {
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean).concat(extraDirs);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

// setpriv's parent-death signal makes a child stop by itself even when the launcher is SIGKILLed,
// which is the one case no handler of ours can cover.
const setprivPath = process.platform === 'linux' ? findOnPath('setpriv', ['/usr/bin', '/bin']) : null;

function isAlive(pid) {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function readCmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

function signalName(signal) {
  return signal.replace(/^SIG/, '');
}

/**
 * Spawns a child in its own process group (so a terminal Ctrl-C reaches only the launcher, which
 * then stops children in dependency order) and tracks it until it exits. With `forward`, its output
 * is piped through to ours and its tail kept, so a crash can be explained.
 */
function spawnManaged(name, command, args, options = {}) {
  const { stopSignal = 'SIGTERM', deathSignal = stopSignal, detached = true, capture = false, forward = false, format, onOutput, ...spawnOptions } = options;

  let file = command;
  let argv = args;
  if (setprivPath) {
    file = setprivPath;
    argv = ['--pdeathsig', signalName(deathSignal), '--', command, ...args];
  }
  const stdio = spawnOptions.stdio || (capture || forward ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit']);
  const child = spawn(file, argv, { ...spawnOptions, stdio, detached });
  return manageChild(name, child, { stopSignal, deathSignal, forward, format, onOutput });
}

/**
 * Tracks a child spawned elsewhere (spawnManaged, or cluster.fork for processes that share a port):
 * its exit, the tail of its output, and how to stop it. `format` (readable-logs.js) rewrites its
 * standard output as it is forwarded; the tail keeps what the child wrote.
 */
function manageChild(name, child, { stopSignal = 'SIGTERM', deathSignal = stopSignal, forward = false, format, onOutput } = {}) {
  let tail = '';
  const keep = (target, rewrite) => (chunk) => {
    if (forward) target.write(rewrite ? rewrite(chunk) : chunk);
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-64 * 1024);
    if (onOutput) onOutput(text);
  };
  if (child.stdout) child.stdout.on('data', keep(process.stdout, format));
  if (child.stderr) child.stderr.on('data', keep(process.stderr));

  let result = null;
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      result = result || { code: null, signal: null, error };
      resolve(result);
    });
    child.once('exit', (code, signal) => {
      result = result || { code, signal, error: null };
      resolve(result);
    });
  });

  const proc = {
    name,
    child,
    pid: child.pid,
    deathSignal,
    exited,
    get running() {
      return result === null && child.exitCode === null && child.signalCode === null;
    },
    get result() {
      return result;
    },
    output() {
      return tail;
    },
    describeExit() {
      if (!result) return `${name} is still running`;
      if (result.error) return `${name} could not be started: ${result.error.message}`;
      if (result.signal) return `${name} was killed by ${result.signal}`;
      return `${name} exited with code ${result.code}`;
    },
    signal(sig) {
      if (!proc.running) return;
      try {
        process.kill(child.pid, sig);
      } catch {
        // already gone
      }
    },
    async stop({ signal = stopSignal, timeoutMs = 10_000 } = {}) {
      if (!proc.running) return result;
      proc.signal(signal);
      let timer;
      const outcome = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs, null)))]);
      clearTimeout(timer);
      if (outcome) return outcome;
      log(`${name} did not stop within ${Math.round(timeoutMs / 1000)}s; killing it`);
      killGroup(child.pid);
      return exited;
    },
  };
  managed.add(proc);
  exited.then(() => managed.delete(proc));
  return proc;
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Stops things in the given order; an array entry is stopped in parallel. Errors are reported and
 * do not prevent the rest from stopping.
 */
async function stopAll(list) {
  for (const entry of list) {
    const group = (Array.isArray(entry) ? entry : [entry]).filter(Boolean);
    await Promise.all(
      group.map(async (item) => {
        try {
          await (typeof item === 'function' ? item() : item.stop());
        } catch (err) {
          process.stderr.write(`[dasv] failed to stop ${item.name || 'a service'}: ${err.message}\n`);
        }
      }),
    );
  }
}

function setSignalExitCode(code) {
  signalExitCode = code;
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (shutdownPromise) {
        // npm forwards the terminal's Ctrl-C as well, so a repeat is expected and harmless.
        return;
      }
      process.stdout.write('\n');
      log(`${sig} received, stopping everything…`);
      shutdown(signalExitCode);
    });
  }
  process.on('exit', () => {
    if (shutdownDone) return;
    // Only synchronous work happens here: start each cleanup (each sends its signal before its
    // first await) and signal any child still running.
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        const pending = fn();
        if (pending && typeof pending.catch === 'function') pending.catch(() => {});
      } catch {
        // best effort while exiting
      }
    }
    for (const proc of managed) proc.signal(proc.deathSignal);
  });
}

/** Registers a cleanup; cleanups run once, newest first, on SIGINT/SIGTERM/SIGHUP, shutdown() or exit. */
function onShutdown(fn) {
  installHandlers();
  cleanups.push(fn);
  return fn;
}

function shutdown(code = 0) {
  installHandlers();
  if (!shutdownPromise) {
    shutdownPromise = (async () => {
      while (cleanups.length) {
        const fn = cleanups.pop();
        try {
          await fn();
        } catch (err) {
          process.stderr.write(`[dasv] cleanup failed: ${err.stack || err.message}\n`);
        }
      }
      await Promise.all([...managed].map((proc) => proc.stop({ timeoutMs: 5_000 })));
      shutdownDone = true;
      process.exit(code);
    })();
  }
  return shutdownPromise;
}

function isShuttingDown() {
  return shutdownPromise !== null;
}

module.exports = {
  log,
  delay,
  findOnPath,
  isAlive,
  readCmdline,
  spawnManaged,
  manageChild,
  killGroup,
  stopAll,
  onShutdown,
  shutdown,
  isShuttingDown,
  setSignalExitCode,
};
