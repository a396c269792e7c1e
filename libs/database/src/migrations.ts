import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type Postgrator from 'postgrator';
import { projectRoot } from '@dasv/config';

/** Any fixed 64-bit number works; it only has to be the same for every process migrating this database. */
const MIGRATION_LOCK_KEY = 7_316_001_230_617n;

export interface MigrationStep {
  version: number;
  name: string;
  action: 'do' | 'undo';
}

export interface MigrationStatus {
  databaseVersion: number;
  maxVersion: number;
  applied: MigrationStep[];
  pending: MigrationStep[];
}

export function migrationsDirectory(override?: string): string {
  return override ?? join(projectRoot(), 'prisma-free-migrations');
}

/**
 * Postgrator orders the files, records them and refuses an applied file whose checksum changed.
 * What it lacks we add here: a session advisory lock, so an API and a worker booting together
 * cannot both apply 003, and one transaction per migration, so a failing file leaves neither
 * half its DDL nor a version row behind (PostgreSQL DDL is transactional).
 */
export class MigrationRunner {
  constructor(
    private readonly databaseUrl: string,
    private readonly directory: string = migrationsDirectory(),
  ) {}

  async up(): Promise<MigrationStep[]> {
    return this.withLockedPostgrator(async (postgrator, client) => {
      const max = await postgrator.getMaxVersion();
      const steps: MigrationStep[] = [];
      for (let current = await postgrator.getDatabaseVersion(); current < max;) {
        const next = this.versions().find((v) => v > current)!;
        steps.push(...(await this.inTransaction(client, () => postgrator.migrate(String(next)))));
        current = next;
      }
      // Runs the checksum validation even when nothing is pending, so an edited file is reported on every start.
      if (steps.length === 0) await postgrator.migrate(String(max));
      return steps;
    });
  }

  async down(target?: number): Promise<MigrationStep[]> {
    return this.withLockedPostgrator(async (postgrator, client) => {
      let current = await postgrator.getDatabaseVersion();
      const goal = target ?? [...this.versions()].reverse().find((v) => v < current) ?? 0;
      const steps: MigrationStep[] = [];
      while (current > goal) {
        const previous = [...this.versions()].reverse().find((v) => v < current) ?? 0;
        steps.push(...(await this.inTransaction(client, () => postgrator.migrate(String(previous)))));
        current = previous;
      }
      return steps;
    });
  }

  async status(): Promise<MigrationStatus> {
    return this.withLockedPostgrator(async (postgrator) => {
      const migrations = await postgrator.getMigrations();
      const databaseVersion = (await postgrator.getDatabaseVersion()) ?? 0;
      const dos = migrations.filter((m) => m.action === 'do').sort((a, b) => a.version - b.version);
      const toStep = (m: { version: number; name: string; action: string }): MigrationStep => ({
        version: m.version,
        name: m.name,
        action: m.action as 'do' | 'undo',
      });
      return {
        databaseVersion,
        maxVersion: Math.max(0, ...dos.map((m) => m.version)),
        applied: dos.filter((m) => m.version <= databaseVersion).map(toStep),
        pending: dos.filter((m) => m.version > databaseVersion).map(toStep),
      };
    });
  }

  private versions(): number[] {
    return [
      ...new Set(
        readdirSync(this.directory)
          .map((f) => /^(\d+)\.do\./.exec(f)?.[1])
          .filter((v): v is string => v !== undefined)
          .map(Number),
      ),
    ].sort((a, b) => a - b);
  }

  private async inTransaction<T extends { version: number; name: string; action: string }>(client: Client, work: () => Promise<T[]>): Promise<MigrationStep[]> {
    await client.query('BEGIN');
    try {
      const applied = await work();
      await client.query('COMMIT');
      return applied.map((m) => ({ version: m.version, name: m.name, action: m.action as 'do' | 'undo' }));
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }

  private async withLockedPostgrator<T>(work: (postgrator: Postgrator, client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'dasv-migrations' });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
      // postgrator is published as an ES module only; a real dynamic import keeps this file CommonJS.
      const { default: PostgratorClass } = await import('postgrator');
      const postgrator = new PostgratorClass({
        migrationPattern: join(this.directory, '*.sql'),
        driver: 'pg',
        database: client.database ?? 'postgres',
        schemaTable: 'schema_migration',
        execQuery: (query: string) => client.query(query),
        newline: 'LF',
      });
      return await work(postgrator, client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => undefined);
      await client.end();
    }
  }
}
