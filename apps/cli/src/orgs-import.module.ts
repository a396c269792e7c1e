import { Module } from '@nestjs/common';
import { ClockModule } from '@dasv/common';
import { ConfigModule } from '@dasv/config';
import { DatabaseModule } from '@dasv/database';
import { AuditModule } from '@dasv/audit';
import { OrganisationsModule } from '@dasv/organisations';
// What follows organisations to their successors: only these modules are imported, so the resolvers
// and what they build on (sessions, Redis, e-mail) are loaded as code but never started.
import { LeadSuccessionModule } from '@dasv/leads';
import { RoleSuccessionModule } from '@dasv/users';
import { NominationSuccessionModule } from '@dasv/nominations';

/**
 * `orgs:import` touches the database alone: it runs from a plain shell with only DATABASE_URL set,
 * and neither connects to Redis nor needs a mail server or a session secret.
 */
@Module({
  imports: [
    ConfigModule.forServices([]),
    ClockModule,
    DatabaseModule,
    AuditModule,
    OrganisationsModule,
    LeadSuccessionModule,
    RoleSuccessionModule,
    NominationSuccessionModule,
  ],
})
export class OrgsImportModule {}
