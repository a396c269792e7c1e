import { adminQuery, requireEnv, runCli, serverUrl } from './database';

/**
 * Migrates and seeds one template database per run with the real CLI; every test file then clones
 * it (CREATE DATABASE … TEMPLATE), which takes a fraction of a second and isolates files completely.
 */
export default async function globalSetup(): Promise<void> {
  requireEnv('DATABASE_URL');
  requireEnv('REDIS_URL');
  requireEnv('SMTP_URL');
  const template = `dasv_template_${process.pid}`;
  process.env.DASV_TEMPLATE_DATABASE = template;
  await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${template}`);
  const env = { DATABASE_URL: serverUrl(process.env.DATABASE_URL!, template) };
  for (const args of [['migrate', 'up'], ['seed']]) {
    const result = runCli(args, env);
    if (result.status !== 0) throw new Error(`test template: ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}
