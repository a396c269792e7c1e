import { Module } from '@nestjs/common';
import { ClockModule } from '@dasv/common';
import { ConfigModule } from '@dasv/config';
import { DatabaseModule } from '@dasv/database';
import { AuditModule } from '@dasv/audit';
import { OrganisationsModule } from '@dasv/organisations';
// What follows organisations to their successors, by path: each library's index would also load its
// resolvers and everything they build on (sessions, Redis, e-mail), which an import never uses.
import { LeadSuccessionModule } from '../../../libs/leads/src/lead-succession.module';
import { RoleSuccessionModule } from '../../../libs/users/src/role-succession.module';
import { NominationSuccessionModule } from '../../../libs/nominations/src/nomination-succession.module';

/**
 * `orgs:import` touches the database alone: it runs from a plain shell with only DATABASE_URL set,
 * and neither connects to Redis nor needs a mail server or a session secret.
 */
@Module({
  imports: [ConfigModule.forServices([]), ClockModule, DatabaseModule, AuditModule, OrganisationsModule, LeadSuccessionModule, RoleSuccessionModule, NominationSuccessionModule],
})
export class OrgsImportModule {}
