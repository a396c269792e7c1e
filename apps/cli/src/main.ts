import { USAGE } from './usage';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Commands load their code on demand: `migrate` runs on every start and needs neither Nest nor
  // the feature modules, which take most of a second to load. require(), not import(): .swcrc keeps
  // dynamic import() as is (ignoreDynamic), which would load these through Node's ESM loader.
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy CommonJS loading, as above */
  switch (command) {
    case 'migrate':
      return (require('./migrate.command') as typeof import('./migrate.command')).runMigrateCommand(rest);
    case 'seed':
      return (require('./seed.command') as typeof import('./seed.command')).runSeedCommand();
    case 'orgs:import': {
      const { withCliApp } = require('./cli-app') as typeof import('./cli-app');
      const { runOdsImportCommand } = require('./orgs-import.command') as typeof import('./orgs-import.command');
      const { OrgsImportModule } = require('./orgs-import.module') as typeof import('./orgs-import.module');
      return withCliApp(OrgsImportModule, (app) => runOdsImportCommand(app, rest));
    }
    default:
      console.error(USAGE);
      return 2;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
