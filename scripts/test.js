'use strict';
// `npm test`: type-checks, builds, and runs jest against throwaway Postgres, Redis and mail sink
// instances, so tests never depend on (or touch) anything a developer has running.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const services = require('./lib/services');
const { build } = require('./build');

const { ROOT, log, onShutdown, shutdown, stopAll, isShuttingDown, spawnManaged } = services;

const state = { tmp: null, postgres: null, redis: null, smtp: null, child: null, lint: null };

async function runStep(name, args, options = {}) {
  state.child = spawnManaged(name, process.execPath, args, {
    cwd: ROOT,
    stdio: ['inherit', 'inherit', 'inherit'],
    stopSignal: 'SIGINT',
    ...options,
  });
  const { code, signal, error } = await state.child.exited;
  state.child = null;
  if (isShuttingDown()) await new Promise(() => {});
  if (error) throw error;
  return signal ? 128 + (os.constants.signals[signal] || 1) : code;
}

function wantsOwnReporter(args) {
  return args.some((arg) => /^--(json|outputFile|watch|watchAll|listTests|showConfig)\b/.test(arg));
}

// A plain "N passed, N failed" line is readable by any CI, whatever test runner printed above it.
function printSummary(resultsFile) {
  try {
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    const skipped = (results.numPendingTests || 0) + (results.numTodoTests || 0);
    process.stdout.write(`\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  } catch {
    // jest did not get as far as writing results; its own output says why
  }
}

async function main() {
  services.setSignalExitCode(130);
  onShutdown(() => {
    if (state.tmp) fs.rmSync(state.tmp, { recursive: true, force: true });
  });
  onShutdown(() => stopAll([state.child, state.lint, state.smtp, state.redis, state.postgres]));
  const jestArgs = process.argv.slice(2);

  services.ensureDependencies();
  const chromium = await services.ensureChromium();
  const pdfToText = await services.ensurePdfToText();
  await services.ensureRedisServer();

  let started = Date.now();
  const tscCode = await runStep('tsc', [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit']);
  if (tscCode !== 0) {
    process.stderr.write('[dasv] type check failed\n');
    return shutdown(tscCode);
  }
  log(`type check passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  await build();

  // The whole suite also lints (ESLint and Prettier's check), beside jest rather than before it; its
  // report is printed after jest's. A run of chosen test files skips it (`npm run lint` runs it alone).
  if (jestArgs.length === 0) {
    state.lint = spawnManaged('lint', process.execPath, [path.join(ROOT, 'scripts', 'lint.js'), '--without-boundaries'], {
      cwd: ROOT,
      capture: true,
      stopSignal: 'SIGINT',
    });
  }

  started = Date.now();
  state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dasv-test-'));
  // Postgres runs as its own user, which must be able to enter the directory it lives in.
  fs.chmodSync(state.tmp, 0o711);
  const [pgPort, redisPort] = await Promise.all([services.freePort(), services.freePort()]);
  const results = await Promise.allSettled([
    services
      .startPostgres({ dataDir: path.join(state.tmp, 'postgres'), port: pgPort, persistent: false, database: 'dasv_test', fast: true })
      .then((pg) => (state.postgres = pg)),
    services.startRedis({ port: redisPort }).then((redis) => (state.redis = redis)),
    services.startSmtpSink({}).then((smtp) => (state.smtp = smtp)),
  ]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  log(`test services ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);

  const env = {
    ...process.env,
    DATABASE_URL: state.postgres.url,
    REDIS_URL: state.redis.url,
    SMTP_URL: state.smtp.smtpUrl,
    SMTP_SINK_URL: state.smtp.webUrl,
    SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
    NODE_ENV: 'test',
    CHROMIUM_PATH: chromium,
    PDFTOTEXT_PATH: pdfToText,
  };
  const resultsFile = path.join(state.tmp, 'jest-results.json');
  const extra = wantsOwnReporter(jestArgs) ? [] : ['--json', `--outputFile=${resultsFile}`];
  const code = await runStep('jest', [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', ...extra, ...jestArgs], { env });
  if (extra.length) printSummary(resultsFile);
  if (state.lint) {
    const { code: lintCode } = await state.lint.exited;
    process.stdout.write(state.lint.output());
    if (lintCode !== 0) {
      process.stderr.write('[dasv] lint failed: see above (npm run lint; npm run format fixes formatting)\n');
      return shutdown(code || 1);
    }
  }
  return shutdown(code);
}

main().catch((err) => {
  if (isShuttingDown()) return;
  process.stderr.write(`[dasv] npm test failed: ${err.stack || err.message}\n`);
  shutdown(1);
});
