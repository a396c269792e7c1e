import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@dasv/notifications';
import { OrganisationContacts } from '@dasv/users';
import { ChaseLog } from './entities/chase-log.entity';
import { ChasePause } from './entities/chase-pause.entity';
import { ChaseDecider } from './chase-decider';
import { ChaseEmails } from './chase-emails';
import { ChaseHistories } from './chase-histories';
import { ChaseLogRepository } from './chase-log.repository';
import { ChasePauseRepository } from './chase-pause.repository';
import { ChasePolicyEvaluator } from './chase-policy';
import { ChaseSources } from './chase-sources';
import { ParentOrganisationAdmins } from './parent-organisation-admins';
import { WorkingDayCalendar } from './working-day-calendar';

const shared = [
  WorkingDayCalendar,
  ChasePolicyEvaluator,
  ChaseSources,
  ChaseLogRepository,
  ChasePauseRepository,
  ChaseHistories,
  ChaseEmails,
  ChaseDecider,
  // Provided here rather than through UsersModule: the worker has no sessions or GraphQL for
  // UsersModule's other providers, and OrganisationContacts needs only the database.
  OrganisationContacts,
  ParentOrganisationAdmins,
];

/** The parts of the chase engine both the API and the worker use; sources import it too. */
@Module({
  imports: [TypeOrmModule.forFeature([ChaseLog, ChasePause]), DiscoveryModule, NotificationsModule],
  providers: shared,
  exports: shared,
})
export class ChasingCoreModule {}
