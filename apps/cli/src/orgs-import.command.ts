import { INestApplicationContext } from '@nestjs/common';

/** Placeholder until the ODS importer lands; see libs/organisations/src/import. */
export async function runOdsImportCommand(_app: INestApplicationContext, _args: string[]): Promise<number> {
  console.error('orgs:import is not available yet');
  return 1;
}
