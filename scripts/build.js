'use strict';
// Compiles apps/ and libs/ to dist/ with swc (type checking is `npm run typecheck`'s job), and skips
// the work when no source changed so repeated starts stay fast.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['apps', 'libs'];
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp.json');
const IGNORE = ['**/__tests__/**', '**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.d.ts'];

function walk(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  // Directory mtimes change when files are added, removed or renamed.
  out.push(dir);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

/** Newest mtime and a fingerprint of every input path, size and mtime. */
function inspectSources() {
  const files = [];
  for (const dir of SOURCE_DIRS) walk(path.join(ROOT, dir), files);
  const swcrc = path.join(ROOT, '.swcrc');
  if (fs.existsSync(swcrc)) files.push(swcrc);
  files.sort();
  const hash = crypto.createHash('sha256');
  let newest = 0;
  for (const file of files) {
    const st = fs.statSync(file);
    newest = Math.max(newest, st.mtimeMs);
    hash.update(`${path.relative(ROOT, file)}\0${st.mtimeMs}\0${st.isDirectory() ? 'd' : st.size}\n`);
  }
  return { newestMtimeMs: newest, fingerprint: hash.digest('hex') };
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}

function isUpToDate() {
  const stamp = readStamp();
  if (!stamp) return false;
  const outputsExist = SOURCE_DIRS.every((dir) => !fs.existsSync(path.join(ROOT, dir)) || fs.existsSync(path.join(DIST, dir)));
  return outputsExist && stamp.fingerprint === inspectSources().fingerprint;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function removeAbandonedWorkDirs() {
  let entries;
  try {
    entries = fs.readdirSync(DIST);
  } catch {
    return;
  }
  for (const name of entries) {
    const match = /^\.(?:stage|old)-\w+-(\d+)$/.exec(name);
    if (match && !isAlive(Number(match[1]))) fs.rmSync(path.join(DIST, name), { recursive: true, force: true });
  }
}

function compile(dir, outDir) {
  const swc = path.join(ROOT, 'node_modules', '@swc', 'cli', 'bin', 'swc.js');
  // --strip-leading-paths keeps the staging tree as deep as dist/<dir>, so the relative source
  // paths in the source maps stay right after the move.
  const args = [
    swc,
    dir,
    '-d',
    path.relative(ROOT, outDir),
    '--strip-leading-paths',
    '--config-file',
    '.swcrc',
    '--copy-files',
    '--quiet',
    '--ignore',
    IGNORE.join(','),
  ];
  // A Rust backtrace buries swc's syntax error message; the message alone says what to fix.
  const env = { ...process.env, RUST_BACKTRACE: '0', RUST_LIB_BACKTRACE: '0' };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`build of ${dir}/ failed (swc ${signal ? `killed by ${signal}` : `exit code ${code}`})`));
    });
  });
}

/**
 * Replaces dist/<dir> with a finished tree in two renames, so processes that load compiled code
 * while a build runs (tests, a running `npm start`) never see a half-written or missing dist.
 */
function swapInto(stage, dir) {
  const target = path.join(DIST, dir);
  const old = path.join(DIST, `.old-${dir}-${process.pid}`);
  for (let attempt = 0; ; attempt++) {
    if (fs.existsSync(target)) fs.renameSync(target, old);
    try {
      fs.renameSync(stage, target);
      break;
    } catch (err) {
      // Another build swapped its tree in between our two renames; replace that one.
      if ((err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') || attempt > 5) throw err;
      fs.rmSync(old, { recursive: true, force: true });
    }
  }
  fs.rmSync(old, { recursive: true, force: true });
}

/**
 * Builds dist/apps/<app>/src and dist/libs/<lib>/src. Resolves { skipped, seconds }; rejects when
 * swc reports an error (dist is then left as it was).
 */
async function build({ force = false, quiet = false } = {}) {
  const started = Date.now();
  if (!force && isUpToDate()) return { skipped: true, seconds: 0 };

  const state = inspectSources();
  fs.mkdirSync(DIST, { recursive: true });
  removeAbandonedWorkDirs();
  const inputs = SOURCE_DIRS.filter((dir) => fs.existsSync(path.join(ROOT, dir)));
  const stages = new Map(inputs.map((dir) => [dir, path.join(DIST, `.stage-${dir}-${process.pid}`)]));
  try {
    for (const stage of stages.values()) fs.rmSync(stage, { recursive: true, force: true });
    await Promise.all(inputs.map((dir) => compile(dir, stages.get(dir))));
    for (const dir of SOURCE_DIRS) {
      if (stages.has(dir)) swapInto(stages.get(dir), dir);
      else fs.rmSync(path.join(DIST, dir), { recursive: true, force: true });
    }
  } finally {
    for (const stage of stages.values()) fs.rmSync(stage, { recursive: true, force: true });
  }
  fs.writeFileSync(STAMP, `${JSON.stringify({ ...state, builtAt: new Date().toISOString() }, null, 2)}\n`);
  const seconds = (Date.now() - started) / 1000;
  if (!quiet) process.stdout.write(`[dasv] built ${inputs.join(' and ') || 'nothing'} in ${seconds.toFixed(1)}s\n`);
  return { skipped: false, seconds };
}

module.exports = { build, inspectSources };

if (require.main === module) {
  build({ force: process.argv.includes('--force') }).then(
    (result) => {
      if (result.skipped) process.stdout.write('[dasv] build is up to date\n');
    },
    (err) => {
      process.stderr.write(`[dasv] ${err.message}\n`);
      process.exit(1);
    },
  );
}
