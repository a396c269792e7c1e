'use strict';
// `npm run bench:startup`: how long `npm start` takes until the API and worker report ready, from an
// empty data directory (fresh) and again on the same one (warm), plus a Node spawn baseline so
// numbers from machines of different speed can be compared.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const services = require('../scripts/lib/services');

const { isReady } = services;
const { build } = require('../scripts/build');
const { round, median } = require('./lib/figures');

const ROOT = path.resolve(__dirname, '..');
const WARM_RUNS = 3;
const READY_TIMEOUT_MS = 180_000;
const GOALS = { warm_s: '<=10' };

let current = null;
let tmpRoot = null;

const baselineSamples = [];

// Sampled next to every start, so a load change during the run moves the baseline as well.
function sampleBaseline() {
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    baselineSamples.push((performance.now() - t) / 1000);
  }
}

function processes() {
  const list = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      const ppid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'))[1]);
      list.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // exited while we looked
    }
  }
  return list;
}

/** Postgres (and its children) using dataDir, or the redis-server on redisPort, still alive. */
function leftovers(dataDir, redisPort) {
  const all = processes();
  const found = all.filter((p) => (/postgres/.test(p.cmdline) && p.cmdline.includes(dataDir)) || new RegExp(`redis-server .*:${redisPort}\\b`).test(p.cmdline));
  const pids = new Set(found.map((p) => p.pid));
  for (const p of all) if (pids.has(p.ppid) && !pids.has(p.pid)) found.push(p);
  return found;
}

async function timeOneStart(label, dataDir) {
  const ports = {};
  for (const name of ['API_PORT', 'WORKER_PORT', 'PG_PORT', 'REDIS_PORT', 'SMTP_PORT', 'SMTP_WEB_PORT']) {
    ports[name] = String(await services.freePort());
  }
  const env = { ...process.env, ...ports, DATA_DIR: dataDir };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'SESSION_SECRET', 'INIT_CWD']) delete env[name];

  sampleBaseline();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  current = child;
  let output = '';
  child.stdout.on('data', (c) => (output = (output + c).slice(-20_000)));
  child.stderr.on('data', (c) => (output = (output + c).slice(-20_000)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exitResult = null;
  exited.then((r) => (exitResult = r));

  const urls = [`http://127.0.0.1:${ports.API_PORT}/health/ready`, `http://127.0.0.1:${ports.WORKER_PORT}/health/ready`];
  for (;;) {
    if (exitResult) throw new Error(`${label}: npm start exited (${JSON.stringify(exitResult)}) before ready:\n${output}`);
    if (performance.now() - started > READY_TIMEOUT_MS) {
      child.kill('SIGINT');
      await exited;
      throw new Error(`${label}: not ready after ${READY_TIMEOUT_MS / 1000}s:\n${output}`);
    }
    const ready = await Promise.all(urls.map(isReady));
    if (ready.every(Boolean)) break;
    await services.delay(50);
  }
  const seconds = (performance.now() - started) / 1000;

  const stopStarted = performance.now();
  child.kill('SIGINT');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const result = await exited;
  clearTimeout(killTimer);
  current = null;
  const stopSeconds = (performance.now() - stopStarted) / 1000;
  if (result.code !== 0) throw new Error(`${label}: npm start exited with ${JSON.stringify(result)} after SIGINT:\n${output}`);
  await services.delay(200);
  const left = leftovers(dataDir, ports.REDIS_PORT);
  if (left.length) {
    throw new Error(`${label}: processes left behind after Ctrl-C:\n${left.map((p) => `${p.pid} ${p.cmdline}`).join('\n')}`);
  }
  process.stdout.write(`${label}: ready in ${seconds.toFixed(2)}s, stopped cleanly in ${stopSeconds.toFixed(2)}s\n`);
  return seconds;
}

function cleanup() {
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
  tmpRoot = null;
}

async function main() {
  services.ensureDependencies();
  await build();
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'dasv-bench-'));
  fs.chmodSync(tmpRoot, 0o711);
  const dataDir = path.join(tmpRoot, 'data');

  const fresh = await timeOneStart('fresh', dataDir);
  const warm = [];
  for (let i = 1; i <= WARM_RUNS; i++) warm.push(await timeOneStart(`warm ${i}/${WARM_RUNS}`, dataDir));
  cleanup();

  const warmMedian = median(warm);
  const baseline = median(baselineSamples);
  const summary = {
    fresh_s: round(fresh, 2),
    warm_s: round(warmMedian, 2),
    warm_runs_s: warm.map((s) => round(s, 2)),
    goals: GOALS,
    baseline_node_s: round(baseline, 3),
    warm_ratio: round(warmMedian / baseline, 1),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    if (current) {
      current.kill('SIGINT');
      await new Promise((resolve) => current.once('exit', resolve));
    }
    cleanup();
    process.exit(130);
  });
}

main().catch((err) => {
  process.stderr.write(`${err.message}\n`);
  cleanup();
  process.exit(1);
});
