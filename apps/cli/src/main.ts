import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { AppConfig, loadMigrationEnvironment } from '@dasv/config';
import { TransactionRunner, MigrationRunner, migrationsDirectory } from '@dasv/database';
import { OrganisationSeeder } from '@dasv/organisations';
import { FirstAdminService } from '@dasv/users';
import { CliModule } from './cli.module';
import { runOdsImportCommand } from './orgs-import.command';

const USAGE = `Usage:
  migrate up | down [VERSION] | status
  seed
  orgs:import etr.csv [eccg.csv] [--icbs FILE] [--successors FILE] [--successor OLD=NEW] [--dry-run]`;

async function withApp<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const env = loadMigrationEnvironment();
      const runner = new MigrationRunner(env.DATABASE_URL, migrationsDirectory(env.MIGRATIONS_DIR));
      const action = rest[0] ?? 'up';
      if (action === 'up') {
        const applied = await runner.up();
        console.log(applied.length ? applied.map((m) => `applied ${m.version} ${m.name}`).join('\n') : 'migrations: up to date');
      } else if (action === 'down') {
        const reverted = await runner.down(rest[1] === undefined ? undefined : Number(rest[1]));
        console.log(reverted.length ? reverted.map((m) => `reverted ${m.version} ${m.name}`).join('\n') : 'migrations: nothing to revert');
      } else if (action === 'status') {
        const status = await runner.status();
        console.log(`database version ${status.databaseVersion} of ${status.maxVersion}`);
        for (const m of status.applied) console.log(`  applied  ${String(m.version).padStart(3, '0')} ${m.name}`);
        for (const m of status.pending) console.log(`  pending  ${String(m.version).padStart(3, '0')} ${m.name}`);
      } else {
        console.error(USAGE);
        return 2;
      }
      return 0;
    }
    case 'seed':
      return withApp(async (app) => {
        const inserted = await app.get(TransactionRunner).run((m) => app.get(OrganisationSeeder).seed(m));
        console.log(`organisations: ${inserted} added`);
        const admin = await app.get(FirstAdminService).ensure(app.get(AppConfig).env.SEED_ADMIN_EMAIL ?? 'national.admin@dasv.localhost');
        if (admin) {
          console.log('\nFirst national admin created. This password is shown once only:');
          console.log(`  e-mail:   ${admin.email}`);
          console.log(`  password: ${admin.password}\n`);
        }
        return 0;
      });
    case 'orgs:import':
      return withApp(async (app) => {
        return runOdsImportCommand(app, rest);
      });
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
