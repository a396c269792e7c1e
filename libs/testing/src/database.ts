import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
// Relative, not @dasv/config: jest's globalSetup does not apply moduleNameMapper.
// The front door by path: jest's globalSetup, which loads this file, does not apply the @dasv alias.
import { projectRoot } from '../../config/src';

/**
 * One template per jest run (named in globalSetup, inherited by the workers through the environment),
 * so two runs against the same server never rebuild each other's template mid-test.
 */
export function templateDatabase(): string {
  return requireEnv('DASV_TEMPLATE_DATABASE');
}

export function serverUrl(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: serverUrl(requireEnv('DATABASE_URL'), 'postgres') });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts PostgreSQL, Redis and an SMTP sink`);
  return value;
}

/** Runs the real CLI (the same compiled code `npm start` runs) against a database. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = projectRoot()): { status: number; stdout: string; stderr: string } {
  const root = projectRoot();
  const result = spawnSync(process.execPath, ['-r', join(root, 'scripts', 'register-paths.js'), join(root, 'dist', 'apps', 'cli', 'src', 'main.js'), ...args], {
    cwd,
    env: { ...process.env, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
  });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs a command the way the README shows it, `node scripts/cli.js <command> …` (what `npm run`
 * runs), from a plain shell: the environment holds PATH, HOME and `env` only, nothing of the test run's.
 */
export function runCliAsOperator(args: string[], env: Record<string, string>, cwd = projectRoot()): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(projectRoot(), 'scripts', 'cli.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', ...env },
    encoding: 'utf8',
  });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

let counter = 0;

/** A fresh database cloned from the migrated, seeded template: each test file gets its own. */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `dasv_t${process.env.JEST_WORKER_ID ?? '0'}_${process.pid}_${++counter}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
  return {
    name,
    url: serverUrl(requireEnv('DATABASE_URL'), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
