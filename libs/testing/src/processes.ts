import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { projectRoot } from '@dasv/config';

/** A port nothing listens on right now, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls until `check` returns something other than false/null/undefined and returns it; fails after
 * `timeoutMs` saying what it waited for (and what the last check threw, if it threw).
 */
export async function waitFor<T>(
  what: string,
  check: () => T | false | null | undefined | Promise<T | false | null | undefined>,
  timeoutMs = 30_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== false && value !== null && value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last check: ${lastError.message})` : '';
      throw new Error(`gave up after ${timeoutMs / 1000}s waiting for ${what}${why}`);
    }
    await pause(everyMs);
  }
}

/** True when the URL answers 200. */
export async function isHealthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Runs a node script as a child process, keeping its output for the test to read. */
export function runNode(name: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(process.execPath, args, { cwd: projectRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  return {
    name,
    child,
    output: () => output,
    exited,
    isRunning: () => !done,
    async stop(graceMs = 15_000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = new AbortController();
      const outcome = await Promise.race([exited, pause(graceMs, null, { signal: timer.signal }).catch(() => null)]);
      timer.abort();
      if (!outcome) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/**
 * Runs the compiled app (dist/apps/<app>/src/main.js, what `npm start` runs) as a real process.
 * With `now`, the app's injected Clock is fixed at that moment, as FixedClock does in-process.
 */
export function startCompiledApp(name: string, app: 'api' | 'worker', env: NodeJS.ProcessEnv, options: { now?: Date } = {}): RunningProcess {
  const root = projectRoot();
  const preload = options.now ? ['-r', join(root, 'dist', 'libs', 'testing', 'src', 'fixed-clock.preload.js')] : [];
  return runNode(name, ['-r', join(root, 'scripts', 'register-paths.js'), ...preload, join(root, 'dist', 'apps', app, 'src', 'main.js')], {
    ...env,
    ...(options.now ? { DASV_FIXED_NOW: options.now.toISOString() } : {}),
  });
}

/** Waits until the process answers 200 at `url`; fails at once, with its output, if it exits first. */
export async function waitUntilHealthy(proc: RunningProcess, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!proc.isRunning()) throw new Error(`${proc.name} exited before it answered ${url}:\n${proc.output().slice(-4000)}`);
    if (await isHealthy(url)) return;
    if (Date.now() > deadline) throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs / 1000}s:\n${proc.output().slice(-4000)}`);
    await pause(100);
  }
}

/** A GraphQL call over plain HTTP to a given process, carrying a session cookie when given one. */
export async function postGraphql<T = Record<string, any>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
): Promise<{ status: number; data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }>; cookie?: string }> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const setCookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }> };
  return { status: res.status, ...body, cookie: setCookie || undefined };
}
