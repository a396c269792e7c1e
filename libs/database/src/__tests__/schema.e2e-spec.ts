import { mkdtempSync, cpSync, appendFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '@dasv/config';
import { adminQuery, createTestApp, requireEnv, runCli, serverUrl, TestApp } from '@dasv/testing';

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    return rows.map((r) => r.tablename);
  } finally {
    await client.end();
  }
}

/** Tables, indexes and columns: a migration may add only an index or a column, and its undo must still remove something. */
async function relations(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')
       UNION ALL
       SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'
       ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

const MIGRATIONS = readdirSync(join(projectRoot(), 'prisma-free-migrations'))
  .map((f) => /^(\d+)\.do\.(.+)\.sql$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ version: Number(m[1]), name: m[2] }))
  .sort((a, b) => a.version - b.version);
const LATEST = MIGRATIONS[MIGRATIONS.length - 1];

describe('schema', () => {
  describe('TypeORM entities', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp();
    });
    afterAll(() => app.close());

    it('agree with the migrated schema: the schema builder has nothing to change', async () => {
      const pending = await app.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      // …and every table the migrations create is mapped, so the comparison covers the whole schema.
      const mapped = app.dataSource.entityMetadatas.map((m) => m.tableName).sort();
      const actual = (
        await app.dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration' ORDER BY 1`)
      ).map((r: { tablename: string }) => r.tablename);
      expect(mapped).toEqual(actual);
    });
  });

  describe('migrations through the CLI', () => {
    const name = `dasv_migrations_${process.pid}`;
    const url = serverUrl(requireEnv('DATABASE_URL'), name);
    beforeEach(async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await adminQuery(`CREATE DATABASE ${name}`);
    });
    afterAll(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

    it('apply from empty, re-run as a no-op, and undo exactly', async () => {
      const first = runCli(['migrate', 'up'], { DATABASE_URL: url });
      expect(first.status).toBe(0);
      expect(first.stdout.trim()).toBe(MIGRATIONS.map((m) => `applied ${m.version} ${m.name}`).join('\n'));
      const schema = await tables(url);
      const objects = await relations(url);
      expect(schema).toEqual(expect.arrayContaining(['organisation', 'organisation_ancestor', 'app_user', 'role_assignment', 'audit_event', 'outbox_message']));

      const again = runCli(['migrate', 'up'], { DATABASE_URL: url });
      expect(again.status).toBe(0);
      expect(again.stdout.trim()).toBe('migrations: up to date');

      const status = runCli(['migrate', 'status'], { DATABASE_URL: url });
      expect(status.stdout).toContain(`database version ${LATEST.version} of ${LATEST.version}`);

      const down = runCli(['migrate', 'down'], { DATABASE_URL: url });
      expect(down.stdout.trim()).toBe(`reverted ${LATEST.version} ${LATEST.name}`);
      expect((await relations(url)).length).toBeLessThan(objects.length);
      const downAll = runCli(['migrate', 'down', '0'], { DATABASE_URL: url });
      expect(downAll.status).toBe(0);
      expect(await tables(url)).toEqual(['schema_migration']);
      expect(runCli(['migrate', 'up'], { DATABASE_URL: url }).status).toBe(0);
      expect(await tables(url)).toEqual(schema);
      expect(await relations(url)).toEqual(objects);
    });

    it('serialise two processes migrating at once: each file is applied once', async () => {
      const { spawn } = await import('node:child_process');
      const root = projectRoot();
      const run = () =>
        new Promise<{ code: number; out: string }>((resolve) => {
          const child = spawn(process.execPath, ['-r', join(root, 'scripts', 'register-paths.js'), join(root, 'dist/apps/cli/src/main.js'), 'migrate', 'up'], {
            env: { ...process.env, DATABASE_URL: url },
          });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('close', (code) => resolve({ code: code ?? 1, out }));
        });
      const [a, b] = await Promise.all([run(), run()]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const applied = (a.out + b.out).match(/applied \d+/g) ?? [];
      expect(applied.sort()).toEqual(MIGRATIONS.map((m) => `applied ${m.version}`).sort());
    });

    it('refuse an applied migration file that was edited afterwards', () => {
      const dir = mkdtempSync(join(tmpdir(), 'dasv-migrations-'));
      try {
        cpSync(join(projectRoot(), 'prisma-free-migrations'), dir, { recursive: true });
        expect(runCli(['migrate', 'up'], { DATABASE_URL: url, MIGRATIONS_DIR: dir }).status).toBe(0);
        appendFileSync(join(dir, '002.do.accounts.sql'), '\n-- an afterthought\n');
        const edited = runCli(['migrate', 'up'], { DATABASE_URL: url, MIGRATIONS_DIR: dir });
        expect(edited.status).not.toBe(0);
        expect(edited.stderr).toMatch(/checksum failed for migration \[2\]/i);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('roll back a failing migration whole: no half-applied DDL, no version row', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dasv-migrations-'));
      try {
        cpSync(join(projectRoot(), 'prisma-free-migrations'), dir, { recursive: true });
        const { writeFileSync } = await import('node:fs');
        writeFileSync(join(dir, '900.do.broken.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n');
        writeFileSync(join(dir, '900.undo.broken.sql'), 'DROP TABLE half_done;\n');
        const result = runCli(['migrate', 'up'], { DATABASE_URL: url, MIGRATIONS_DIR: dir });
        expect(result.status).not.toBe(0);
        expect(await tables(url)).not.toContain('half_done');
        expect(runCli(['migrate', 'status'], { DATABASE_URL: url, MIGRATIONS_DIR: dir }).stdout).toContain(`database version ${LATEST.version} of 900`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
