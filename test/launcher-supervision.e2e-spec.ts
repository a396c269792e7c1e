import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { projectRoot } from '@dasv/config';
import { createTestDatabase, freePort, isHealthy, postGraphql, RunningProcess, runNode, waitFor } from '@dasv/testing';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The real `npm start` (scripts/start.js) with two API and two worker processes, on the test run's
 * PostgreSQL, Redis and SMTP server (given by URL, so it starts none of its own): a process killed
 * with SIGKILL comes back by itself, and Ctrl-C still stops everything cleanly.
 */
describe('npm start with API_PROCESSES=2 and WORKER_PROCESSES=2', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let launcher: RunningProcess;
  let apiPort: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'dasv-launcher-'));
    chmodSync(dataDir, 0o711);
    const [api, worker] = await Promise.all([freePort(), freePort()]);
    apiPort = api;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      REDIS_PREFIX: `ls_${randomBytes(3).toString('hex')}`,
      API_PORT: `${api}`,
      WORKER_PORT: `${worker}`,
      API_PROCESSES: '2',
      WORKER_PROCESSES: '2',
    };
    delete env.INIT_CWD;
    launcher = runNode('npm start', [join(projectRoot(), 'scripts', 'start.js')], env);
    await waitFor(
      'npm start to be ready',
      () => {
        if (!launcher.isRunning()) throw new Error(`npm start exited before it was ready:\n${launcher.output()}`);
        return launcher.output().includes('Ctrl-C stops everything');
      },
      150_000,
      100,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${launcher.output().slice(-6000)}`);
    });
  }, 180_000);

  afterAll(async () => {
    await launcher?.stop(30_000);
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const pidOf = (name: string, verb = 'is running'): number | undefined => {
    const found = [...launcher.output().matchAll(new RegExp(`\\[dasv\\] ${name} ${verb} \\(pid (\\d+)\\)`, 'g'))].at(-1);
    return found ? Number(found[1]) : undefined;
  };

  it('runs two API processes at one address and two workers, each with its own health port, and brings back any that is killed', async () => {
    const output = launcher.output();
    expect(output).toContain(`Processes   2 API on port ${apiPort}, 2 workers`);
    const workerPorts = /health and metrics on ports (\d+), (\d+)/.exec(output)!.slice(1).map(Number);
    expect(new Set(workerPorts).size).toBe(2);
    for (const port of workerPorts) expect(await isHealthy(`http://127.0.0.1:${port}/health/ready`)).toBe(true);
    expect(output).not.toContain('EADDRINUSE');

    const api1 = pidOf('api 1')!;
    const worker2 = pidOf('worker 2')!;
    expect([api1, pidOf('api 2'), pidOf('worker 1'), worker2].every((pid) => pid && isAlive(pid))).toBe(true);

    process.kill(api1, 'SIGKILL');
    process.kill(worker2, 'SIGKILL');
    const newApi1 = await waitFor('api 1 to be restarted', () => pidOf('api 1', 'restarted'), 60_000, 100);
    const newWorker2 = await waitFor('worker 2 to be restarted', () => pidOf('worker 2', 'restarted'), 60_000, 100);
    expect(launcher.output()).toContain('[dasv] api 1 was killed by SIGKILL unexpectedly; restarting it in 0.5s');
    expect(launcher.output()).toContain('[dasv] worker 2 was killed by SIGKILL unexpectedly; restarting it in 0.5s');
    expect(newApi1).not.toBe(api1);
    expect(isAlive(newWorker2)).toBe(true);

    // The restarted worker serves its health on the same port again, without a clash.
    await waitFor('worker 2 to be healthy again', () => isHealthy(`http://127.0.0.1:${workerPorts[1]}/health/ready`), 90_000, 200);
    await waitFor('the API to answer', () => isHealthy(`http://127.0.0.1:${apiPort}/health/ready`), 90_000, 200);
    const me = await postGraphql(`http://127.0.0.1:${apiPort}`, '{ me { email } }');
    expect(me.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(launcher.isRunning()).toBe(true);
    expect(isAlive(newApi1)).toBe(true);

    // Ctrl-C: everything stops, in order, and npm start exits 0.
    const children = [newApi1, pidOf('api 2')!, pidOf('worker 1')!, newWorker2];
    launcher.child.kill('SIGINT');
    expect(await launcher.exited).toEqual({ code: 0, signal: null });
    expect(children.filter(isAlive)).toEqual([]);
    expect(launcher.output()).not.toMatch(/giving up|stopping everything\n.*unexpectedly/);
  }, 240_000);
});
