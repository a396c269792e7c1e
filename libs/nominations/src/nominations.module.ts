import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@dasv/leads';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
import { ChasingCoreModule } from '@dasv/chasing';
import { NominationReturn } from './entities/nomination-return.entity';
import { NominationRequest } from './entities/nomination-request.entity';
import { NominationSubmission } from './entities/nomination-submission.entity';
import { NominationNominee } from './entities/nomination-nominee.entity';
import { LeadAppointmentRow } from './entities/lead-appointment.entity';
import { NominationReturnsRepository } from './nomination-returns.repository';
import { NominationSubmissionsRepository } from './nomination-submissions.repository';
import { NominationDashboardRepository } from './nomination-dashboard.repository';
import { NominationReturnsService } from './nomination-returns.service';
import { NominationSubmissionsService } from './nomination-submissions.service';
import { NominationDecisionsService } from './nomination-decisions.service';
import { NominationFormService } from './nomination-form.service';
import { NominationReviewService } from './nomination-review.service';
import { NominationDashboardService } from './nomination-dashboard.service';
import { NominationExportsService } from './nomination-exports.service';
import { LeadHandoverService } from './lead-handover.service';
import { NominatedLeadsService } from './nominated-leads.service';
import { LeadAppointmentsService } from './lead-appointments.service';
import { LeadAppointmentsRepository } from './lead-appointments.repository';
import { LeadAppointmentResponsesService } from './lead-appointment-responses.service';
import { LeadAppointmentsResolver } from './lead-appointments.resolver';
import { NomineeRulesService } from './nominee-rules.service';
import { NominationReadScopeService } from './nomination-read-scope.service';
import { NominationLoaders } from './nominations.loaders';
import { NominationReturnsResolver } from './nomination-returns.resolver';
import { NominationDashboardResolver } from './nomination-dashboard.resolver';
import { NominationRequestStatusResolver } from './nomination-request-status.resolver';
import { NominationSubmissionsResolver } from './nomination-submissions.resolver';
import { NominationSuccessionModule } from './nomination-succession.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([NominationReturn, NominationRequest, NominationSubmission, NominationNominee, LeadAppointmentRow]),
    LeadsModule,
    OrganisationsModule,
    UsersModule,
    // The chase policy, so the check before opening shows the plan the chase engine will follow.
    ChasingCoreModule,
    NominationSuccessionModule,
  ],
  providers: [
    NominationReturnsRepository,
    NominationSubmissionsRepository,
    NominationDashboardRepository,
    NominationReturnsService,
    NominationSubmissionsService,
    NominationDecisionsService,
    NominationFormService,
    NominationReviewService,
    NominationDashboardService,
    NominationExportsService,
    LeadHandoverService,
    NominatedLeadsService,
    LeadAppointmentsService,
    LeadAppointmentsRepository,
    LeadAppointmentResponsesService,
    LeadAppointmentsResolver,
    NomineeRulesService,
    NominationReadScopeService,
    NominationLoaders,
    NominationReturnsResolver,
    NominationDashboardResolver,
    NominationRequestStatusResolver,
    NominationSubmissionsResolver,
  ],
  exports: [
    NominationReturnsService,
    NominationSubmissionsService,
    NominationDecisionsService,
    NominationFormService,
    NominationReviewService,
    NominationDashboardService,
    NominationExportsService,
    LeadHandoverService,
    LeadAppointmentResponsesService,
    NominationReturnsRepository,
    NominationLoaders,
  ],
})
export class NominationsModule {}
