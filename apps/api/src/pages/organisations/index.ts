import { LeadsModule } from '@dasv/leads';
import { LearningReportsModule } from '@dasv/learning-reports';
import { NominationsModule } from '@dasv/nominations';
import { OrganisationContactsModule } from '@dasv/organisation-contacts';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
import { PageArea } from '../shared/page-area';
import { ContactImportsUploadController } from './contact-imports-upload.controller';
import { OrganisationContactsController } from './organisation-contacts.controller';
import { OrganisationProfileView } from './organisation-profile.view';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsView } from './organisations.view';

/**
 * The organisation browser (regions, ICBs and trusts, and a search across them all), each
 * organisation's page with what the viewer may see and do there, its contacts, and NHS England's
 * loads of contacts and administrators from files.
 */
export const ORGANISATION_PAGES: PageArea = {
  imports: [OrganisationsModule, OrganisationContactsModule, UsersModule, LeadsModule, NominationsModule, LearningReportsModule],
  controllers: [OrganisationsController, OrganisationContactsController, ContactImportsUploadController],
  providers: [OrganisationsView, OrganisationProfileView],
};
