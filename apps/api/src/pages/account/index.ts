import { OrganisationsModule } from '@dasv/organisations';
import { PageArea } from '../shared/page-area';
import { AccountController } from './account.controller';
import { AccountView } from './account.view';

/** The signed-in person's own account: who they are, where, and the roles they hold. */
export const ACCOUNT_PAGES: PageArea = { imports: [OrganisationsModule], controllers: [AccountController], providers: [AccountView] };
