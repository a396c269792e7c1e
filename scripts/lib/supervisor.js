'use strict';
// Keeps one long-running child alive for `npm start`: a crash is logged with the child's last words
// and the child is started again after an exponential backoff. Only a crash loop (too many crashes in
// a short window) makes it give up, because restarting then just hides a fault someone must fix.
const { log: defaultLog, delay } = require('./process');

const DEFAULT_POLICY = {
  /** Wait before the first restart; doubled for each further crash in a row, up to maxDelayMs. */
  initialDelayMs: 500,
  maxDelayMs: 15_000,
  /** This many crashes within crashWindowMs is a crash loop. */
  crashLimit: 5,
  crashWindowMs: 60_000,
  /** A child that ran this long before crashing starts its backoff afresh. */
  stableAfterMs: 30_000,
  /** How many of the child's last output lines the crash log line shows. */
  tailLines: 20,
};

const realClock = { now: () => Date.now(), wait: (ms) => delay(ms) };

function lastLines(text, count) {
  return (text || '').trim().split('\n').slice(-count).join('\n');
}

/**
 * start() returns a running child: { exited: Promise, stop(options) } and, for the log line,
 * output() and describeExit(), either on it or on its `process` (as services.startRedis returns).
 */
class Supervisor {
  constructor({ name, start, onGiveUp = () => {}, isShuttingDown = () => false, log = defaultLog, clock = realClock, stopOptions, ...policy }) {
    this.name = name;
    this.startChild = start;
    this.onGiveUp = onGiveUp;
    this.isShuttingDown = isShuttingDown;
    this.log = log;
    this.clock = clock;
    this.stopOptions = stopOptions;
    this.policy = { ...DEFAULT_POLICY, ...policy };
    this.current = null;
    this.stopping = false;
    this.gaveUp = null;
    this.crashes = [];
    this.streak = 0;
    this.restarts = 0;
    this.restarting = null;
  }

  /** Starts the child the first time; a failure here is the caller's (nothing is retried yet). */
  async start() {
    return this.adopt(await this.startChild());
  }

  /**
   * Supervises a child started elsewhere, e.g. once it has become ready: a child that fails on its
   * first start has a problem a restart will not fix, and the launcher reports it as such.
   */
  adopt(child) {
    this.current = child;
    this.watch(child);
    return child;
  }

  /** Stops the child and any restart in progress; nothing is restarted afterwards. */
  async stop(options = this.stopOptions) {
    this.stopping = true;
    if (this.restarting) await this.restarting;
    const child = this.current;
    if (child) await child.stop(options);
  }

  /** Settles once a restart begun by a crash has finished (or the supervisor gave up). */
  settled() {
    return this.restarting || Promise.resolve();
  }

  isActive() {
    return !this.stopping && !this.gaveUp && !this.isShuttingDown();
  }

  watch(child) {
    const startedAt = this.clock.now();
    child.exited.then(() => {
      if (child !== this.current || !this.isActive()) return;
      const info = child.process || child;
      const what = typeof info.describeExit === 'function' ? info.describeExit() : `${this.name} exited`;
      const tail = typeof info.output === 'function' ? lastLines(info.output(), this.policy.tailLines) : '';
      this.restarting = this.restartAfterCrash(`${what} unexpectedly`, tail, startedAt).finally(() => {
        this.restarting = null;
      });
    });
  }

  /** Records a crash; true when it makes a crash loop. */
  recordCrash(startedAt) {
    const now = this.clock.now();
    if (startedAt !== null && now - startedAt >= this.policy.stableAfterMs) this.streak = 0;
    this.streak += 1;
    this.crashes = this.crashes.filter((at) => now - at < this.policy.crashWindowMs);
    this.crashes.push(now);
    return this.crashes.length >= this.policy.crashLimit;
  }

  backoffMs() {
    return Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * 2 ** (this.streak - 1));
  }

  async restartAfterCrash(what, tail, startedAt) {
    for (;;) {
      const details = tail ? `\n${tail.replace(/^/gm, '    ')}` : '';
      if (this.recordCrash(startedAt)) {
        const seconds = Math.round(this.policy.crashWindowMs / 1000);
        this.gaveUp = `${this.name} crashed ${this.crashes.length} times within ${seconds}s; giving up on it`;
        this.log(`${what}${details}`);
        this.log(this.gaveUp);
        this.onGiveUp(this.gaveUp);
        return;
      }
      const waitMs = this.backoffMs();
      this.log(`${what}; restarting it in ${(waitMs / 1000).toFixed(1)}s${details}`);
      await this.clock.wait(waitMs);
      if (!this.isActive()) return;
      try {
        const child = await this.startChild();
        this.current = child;
        this.restarts += 1;
        if (!this.isActive()) {
          await child.stop(this.stopOptions);
          return;
        }
        this.watch(child);
        this.log(`${this.name} restarted${child.pid ? ` (pid ${child.pid})` : ''}`);
        return;
      } catch (err) {
        // A failed start is a crash too: it counts towards the loop and waits longer next time.
        what = `${this.name} could not be restarted: ${err.message.split('\n')[0]}`;
        tail = lastLines(err.message.split('\n').slice(1).join('\n'), this.policy.tailLines);
        startedAt = null;
      }
    }
  }
}

module.exports = { Supervisor, DEFAULT_POLICY };
