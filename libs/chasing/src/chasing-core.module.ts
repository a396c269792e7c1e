import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@dasv/notifications';
import { OrganisationContactsService } from '@dasv/users';
import { ChaseLog } from './entities/chase-log.entity';
import { ChasePause } from './entities/chase-pause.entity';
import { ChaseDeciderService } from './chase-decider.service';
import { ChaseEmailsService } from './chase-emails.service';
import { ChaseHistoriesService } from './chase-histories.service';
import { ChaseLogRepository } from './chase-log.repository';
import { ChasePauseRepository } from './chase-pause.repository';
import { ChasePolicyService } from './chase-policy.service';
import { ChaseSourcesService } from './chase-sources.service';
import { ParentOrganisationAdminsService } from './parent-organisation-admins.service';
import { WorkingDayCalendarService } from './working-day-calendar.service';

const shared = [
  WorkingDayCalendarService,
  ChasePolicyService,
  ChaseSourcesService,
  ChaseLogRepository,
  ChasePauseRepository,
  ChaseHistoriesService,
  ChaseEmailsService,
  ChaseDeciderService,
  // Provided here rather than through UsersModule: the worker has no sessions or GraphQL for
  // UsersModule's other providers, and OrganisationContactsService needs only the database.
  OrganisationContactsService,
  ParentOrganisationAdminsService,
];

/** The parts of the chase engine both the API and the worker use; sources import it too. */
@Module({
  imports: [TypeOrmModule.forFeature([ChaseLog, ChasePause]), DiscoveryModule, NotificationsModule],
  providers: shared,
  exports: shared,
})
export class ChasingCoreModule {}
