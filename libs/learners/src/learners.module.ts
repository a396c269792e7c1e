import { Module } from '@nestjs/common';
import { CompletionsModule } from '@dasv/completions';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
import { CompletionImportRepository } from './completion-import.repository';
import { CompletionImportService } from './completion-import.service';
import { HeadcountRepository } from './headcount.repository';
import { HeadcountService } from './headcount.service';
import { LearnerAccountsRepository } from './learner-accounts.repository';
import { LearnerActivityRepository } from './learner-activity.repository';
import { LearnerEmailsService } from './learner-emails.service';
import { LearnerRegistrationService } from './learner-registration.service';
import { LearnersResolver } from './learners.resolver';
import { ManagedOrganisationsService } from './managed-organisations.service';
import { StaffListService } from './staff-list.service';

/** Learners and headcount: self-registration, staff list uploads, imported completions. */
@Module({
  imports: [OrganisationsModule, UsersModule, CompletionsModule],
  providers: [
    LearnersResolver,
    LearnerRegistrationService,
    StaffListService,
    HeadcountService,
    CompletionImportService,
    ManagedOrganisationsService,
    LearnerEmailsService,
    LearnerAccountsRepository,
    HeadcountRepository,
    LearnerActivityRepository,
    CompletionImportRepository,
  ],
  exports: [LearnerRegistrationService, StaffListService, HeadcountService, CompletionImportService],
})
export class LearnersModule {}
