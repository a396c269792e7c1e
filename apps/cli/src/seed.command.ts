import { AppConfig } from '@dasv/config';
import { TransactionRunnerService } from '@dasv/database';
import { OrganisationSeederService } from '@dasv/organisations';
import { FirstAdminService } from '@dasv/users';
import { CourseSeederService } from '@dasv/elearning';
import { withCliApp } from './cli-app';
import { CliModule } from './cli.module';

export function runSeedCommand(): Promise<number> {
  return withCliApp(CliModule, async (app) => {
    const inserted = await app.get(TransactionRunnerService).run((m) => app.get(OrganisationSeederService).seed(m));
    console.log(`organisations: ${inserted} added`);
    const courses = await app.get(TransactionRunnerService).run((m) => app.get(CourseSeederService).seed(m));
    console.log(`courses: ${courses} versions published`);
    const admin = await app.get(FirstAdminService).ensure(app.get(AppConfig).env.SEED_ADMIN_EMAIL ?? 'national.admin@dasv.localhost');
    if (admin) {
      console.log('\nFirst national admin created. This password is shown once only:');
      console.log(`  e-mail:   ${admin.email}`);
      console.log(`  password: ${admin.password}\n`);
    }
    return 0;
  });
}
