import { adminQuery } from './database';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.DASV_TEMPLATE_DATABASE;
  if (template) await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
}
