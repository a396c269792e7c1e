import { loadMigrationEnvironment } from '@dasv/config';
import { MigrationRunner, migrationsDirectory } from '@dasv/database';
import { USAGE } from './usage';

export async function runMigrateCommand(args: string[]): Promise<number> {
  const env = loadMigrationEnvironment();
  const runner = new MigrationRunner(env.DATABASE_URL, migrationsDirectory(env.MIGRATIONS_DIR));
  const action = args[0] ?? 'up';
  if (action === 'up') {
    const applied = await runner.up();
    console.log(applied.length ? applied.map((m) => `applied ${m.version} ${m.name}`).join('\n') : 'migrations: up to date');
  } else if (action === 'down') {
    const reverted = await runner.down(args[1] === undefined ? undefined : Number(args[1]));
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
