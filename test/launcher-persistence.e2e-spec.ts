import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '@dasv/config';
import { freePort, postGraphql, RunningProcess, runNode, waitFor } from '@dasv/testing';

function pidsOf(pattern: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * `npm start` with its own PostgreSQL and Redis: Redis keeps its data under the data directory, so a
 * session made before Redis is killed, or before the whole platform is stopped and started again,
 * still works afterwards; a killed Redis is started again on the same port.
 */
describe('npm start keeps Redis’s data', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let launcher: RunningProcess | undefined;
  let web: string;
  let redisPort: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dasv-persist-'));
    chmodSync(dataDir, 0o711);
    const [api, worker, pg, redis, smtp, smtpWeb] = await Promise.all(Array.from({ length: 6 }, freePort));
    redisPort = redis;
    web = `http://127.0.0.1:${api}`;
    env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      API_PORT: `${api}`,
      WORKER_PORT: `${worker}`,
      PG_PORT: `${pg}`,
      REDIS_PORT: `${redis}`,
      SMTP_PORT: `${smtp}`,
      SMTP_WEB_PORT: `${smtpWeb}`,
    };
    for (const inherited of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'SESSION_SECRET', 'PUBLIC_URL', 'SMTP_SINK_URL', 'REDIS_PREFIX', 'INIT_CWD'])
      delete env[inherited];
  });
  afterAll(async () => {
    await launcher?.stop(30_000);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<RunningProcess> {
    const started = runNode('npm start', [join(projectRoot(), 'scripts', 'start.js')], env);
    await waitFor(
      'npm start to be ready',
      () => {
        if (!started.isRunning()) throw new Error('npm start exited before it was ready');
        return started.output().includes('Ctrl-C stops everything');
      },
      150_000,
      100,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${started.output().slice(-6000)}`);
    });
    return started;
  }

  async function stop(running: RunningProcess): Promise<void> {
    running.child.kill('SIGINT');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  }

  const me = (cookie: string) => postGraphql<{ me: { email: string } }>(web, '{ me { email } }', {}, cookie);

  it('keeps a session through a Redis crash and through a restart of the whole platform', async () => {
    launcher = await start();
    const email = /e-mail:\s+(\S+)/.exec(launcher.output())![1];
    const password = /password:\s+(\S+)/.exec(launcher.output())![1];
    const signedIn = await postGraphql(web, `mutation($i: SignInInput!) { signIn(input: $i) { email } }`, { i: { email, password } });
    expect(signedIn.errors).toBeUndefined();
    const cookie = signedIn.cookie!;

    const [redis] = pidsOf(`redis-server 127.0.0.1:${redisPort}`);
    expect(redis).toBeDefined();
    process.kill(redis, 'SIGKILL');
    await waitFor('Redis to be restarted', () => launcher!.output().includes('[dasv] redis restarted'), 60_000, 100);
    expect(launcher.output()).toContain('[dasv] redis was killed by SIGKILL unexpectedly; restarting it in 0.5s');
    expect(pidsOf(`redis-server 127.0.0.1:${redisPort}`)).toHaveLength(1);
    const afterCrash = await waitFor(
      'the session to be read again',
      async () => {
        const answer = await me(cookie);
        // While Redis is down the API answers with an error of its own; only a lost session is UNAUTHENTICATED.
        return answer.errors && answer.errors[0].extensions?.code !== 'UNAUTHENTICATED' ? undefined : answer;
      },
      30_000,
      200,
    );
    expect(afterCrash.errors).toBeUndefined();
    expect(afterCrash.data!.me.email).toBe(email);

    await stop(launcher);
    launcher = await start();
    const afterRestart = await me(cookie);
    expect(afterRestart.errors).toBeUndefined();
    expect(afterRestart.data!.me.email).toBe(email);
    await stop(launcher);
    launcher = undefined;
  }, 300_000);
});
