import { NominationsModule } from '@dasv/nominations';
import { OrganisationsModule } from '@dasv/organisations';
import { LeadsModule } from '@dasv/leads';
import { UsersModule } from '@dasv/users';
import { PageArea } from '../shared/page-area';
import { PersonActionsController } from './person-actions.controller';
import { UsersController } from './users.controller';
import { PersonView, UsersView } from './users.view';

/** The people administrators look after: the list, each person's page, and what can be done there. */
export const USER_PAGES: PageArea = {
  imports: [UsersModule, LeadsModule, OrganisationsModule, NominationsModule],
  controllers: [UsersController, PersonActionsController],
  providers: [UsersView, PersonView],
};
