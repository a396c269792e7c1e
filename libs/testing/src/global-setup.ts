import { adminQuery, requireEnv, runCli, serverUrl, TEMPLATE_DATABASE } from './database';

/**
 * Migrates and seeds one template database per run with the real CLI; every test file then clones
 * it (CREATE DATABASE … TEMPLATE), which takes a fraction of a second and isolates files completely.
 */
export default async function globalSetup(): Promise<void> {
  requireEnv('DATABASE_URL');
  requireEnv('REDIS_URL');
  requireEnv('SMTP_URL');
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  const env = { DATABASE_URL: serverUrl(process.env.DATABASE_URL!, TEMPLATE_DATABASE) };
  for (const args of [['migrate', 'up'], ['seed']]) {
    const result = runCli(args, env);
    if (result.status !== 0) throw new Error(`test template: ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}
