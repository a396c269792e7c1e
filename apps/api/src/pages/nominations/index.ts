import { NominationsModule } from '@dasv/nominations';
import { OrganisationsModule } from '@dasv/organisations';
import { PageArea } from '../shared/page-area';
import { NominationLeadAppointmentsController } from './nomination-lead-appointments.controller';
import { NominationPagesView } from './nomination-pages.view';
import { NominationReturnsController } from './nomination-returns.controller';
import { NominationSubmissionController } from './nomination-submission.controller';

/** Nomination returns: opening one, its dashboard and exports, an organisation's answer, and a lead agreeing. */
export const NOMINATION_PAGES: PageArea = {
  imports: [NominationsModule, OrganisationsModule],
  controllers: [NominationReturnsController, NominationSubmissionController, NominationLeadAppointmentsController],
  providers: [NominationPagesView],
};
