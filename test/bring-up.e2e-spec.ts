import { spawn, execFileSync, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '@dasv/config';
import { freePort } from '@dasv/testing';

function processesUsing(dir: string): string {
  try {
    return execFileSync('pgrep', ['-af', dir], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/**
 * `npm start` from nothing: embedded PostgreSQL initialised, Redis and the SMTP sink started,
 * migrations and seed applied, API and worker answering; Ctrl-C leaves no process behind.
 */
describe('npm start', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dasv-bring-up-'));
    chmodSync(dataDir, 0o711);
  });
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings the platform up on a fresh data directory and stops everything on Ctrl-C', async () => {
    const [api, worker, pg, redis, smtp, smtpWeb] = await Promise.all(Array.from({ length: 6 }, freePort));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      API_PORT: `${api}`,
      WORKER_PORT: `${worker}`,
      PG_PORT: `${pg}`,
      REDIS_PORT: `${redis}`,
      SMTP_PORT: `${smtp}`,
      SMTP_WEB_PORT: `${smtpWeb}`,
    };
    for (const inherited of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'SESSION_SECRET', 'PUBLIC_URL', 'SMTP_SINK_URL', 'REDIS_PREFIX']) delete env[inherited];

    child = spawn(process.execPath, [join(projectRoot(), 'scripts', 'start.js')], { env, cwd: projectRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));

    await new Promise<void>((resolve, reject) => {
      const onData = () => {
        if (output.includes('Ctrl-C stops everything')) resolve();
      };
      child!.stdout!.on('data', onData);
      void exited.then((code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
    });

    expect(output).toMatch(/password: \S{16,}/);
    const ready = await fetch(`http://127.0.0.1:${api}/health/ready`);
    expect(ready.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${worker}/health/ready`)).status).toBe(200);
    const graphql = await fetch(`http://127.0.0.1:${api}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organisation(odsCode: "X24") { name } }' }),
    });
    const body = (await graphql.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await fetch(`http://127.0.0.1:${smtpWeb}/api/messages`)).status).toBe(200);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(processesUsing(dataDir)).toBe('');
  }, 180_000);
});
