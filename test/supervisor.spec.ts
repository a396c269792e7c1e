import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@dasv/testing';
import { spawnManaged, ManagedProcess } from '../scripts/lib/process';
import { Supervisor, SupervisorClock } from '../scripts/lib/supervisor';

/**
 * The supervisor `npm start` puts around every process, driven with real child processes and a
 * clock whose waits pass at once (each wait moves its time on by as much), so backoffs of seconds
 * cost nothing here.
 */
describe('the launcher’s supervisor', () => {
  let dir: string;
  let supervisor: Supervisor<ManagedProcess> | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dasv-supervisor-'));
  });
  afterEach(async () => {
    await supervisor?.stop({ timeoutMs: 2000 });
    supervisor = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function instantClock(stepMsPerWait?: number): SupervisorClock & { waits: number[] } {
    let now = 1_000_000;
    const waits: number[] = [];
    return {
      waits,
      now: () => now,
      wait(ms: number) {
        waits.push(ms);
        now += stepMsPerWait ?? ms;
        return Promise.resolve();
      },
    };
  }

  /** A child that says which run it is, then crashes (exit 3) on its first `crashes` runs and stays up after. */
  function flakyChild(crashes: number): () => ManagedProcess {
    const counter = join(dir, 'runs');
    const script = `
      const fs = require('node:fs');
      const run = (Number(fs.existsSync(${JSON.stringify(counter)}) && fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) || 0) + 1;
      fs.writeFileSync(${JSON.stringify(counter)}, String(run));
      console.error('run ' + run + ': starting');
      if (run <= ${crashes}) { console.error('run ' + run + ': cannot reach the database'); process.exit(3); }
      console.log('run ' + run + ': up');
      require('node:http').createServer().listen(0, '127.0.0.1');
    `;
    return () => spawnManaged('flaky', process.execPath, ['-e', script], { capture: true });
  }

  it('restarts a crashed child after a growing backoff, logging the crash with its last output', async () => {
    const lines: string[] = [];
    const clock = instantClock();
    const gaveUp = jest.fn();
    supervisor = new Supervisor({ name: 'flaky', start: flakyChild(2), clock, log: (line) => lines.push(line), onGiveUp: gaveUp });
    await supervisor.start();

    const up = await waitFor(
      'the third run to be up',
      () => supervisor!.restarts === 2 && supervisor!.current!.output().includes('run 3: up') && supervisor!.current,
    );
    expect(up.running).toBe(true);
    expect(clock.waits).toEqual([500, 1000]);
    expect(lines[0]).toBe('flaky exited with code 3 unexpectedly; restarting it in 0.5s\n    run 1: starting\n    run 1: cannot reach the database');
    expect(lines[1]).toMatch(/^flaky restarted \(pid \d+\)$/);
    expect(lines[2]).toMatch(/^flaky exited with code 3 unexpectedly; restarting it in 1\.0s\n {4}run 2: starting\n {4}run 2: cannot reach the database$/);
    expect(gaveUp).not.toHaveBeenCalled();

    // Stopping on purpose is not a crash: nothing is restarted.
    await supervisor.stop();
    expect(up.running).toBe(false);
    await supervisor.settled();
    expect(supervisor.restarts).toBe(2);
    expect(lines.filter((line) => line.includes('unexpectedly'))).toHaveLength(2);
  });

  it('gives up, saying why, when the child crashes five times within a minute', async () => {
    const lines: string[] = [];
    const clock = instantClock();
    const reasons: string[] = [];
    supervisor = new Supervisor({
      name: 'flaky',
      start: flakyChild(Infinity),
      clock,
      log: (line) => lines.push(line),
      onGiveUp: (reason) => reasons.push(reason),
    });
    await supervisor.start();

    await waitFor('the supervisor to give up', () => reasons.length > 0);
    await supervisor.settled();
    expect(reasons).toEqual(['flaky crashed 5 times within 60s; giving up on it']);
    expect(clock.waits).toEqual([500, 1000, 2000, 4000]);
    expect(supervisor.restarts).toBe(4);
    expect(lines.at(-2)).toContain('run 5: cannot reach the database');
    expect(supervisor.current!.running).toBe(false);
  });

  it('keeps restarting a child whose crashes are spread out, which is no crash loop', async () => {
    const reasons: string[] = [];
    // Every backoff wait takes 20 s of the clock's time: never five crashes within 60 s.
    supervisor = new Supervisor({
      name: 'flaky',
      start: flakyChild(7),
      clock: instantClock(20_000),
      log: () => {},
      onGiveUp: (reason) => reasons.push(reason),
    });
    await supervisor.start();

    await waitFor('the eighth run to be up', () => supervisor!.restarts === 7 && supervisor!.current!.output().includes('run 8: up'));
    expect(reasons).toEqual([]);
    expect(supervisor.gaveUp).toBeNull();
  });
});
