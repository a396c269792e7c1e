import { OrganisationsModule } from '@dasv/organisations';
import { PageArea } from '../shared/page-area';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsView } from './organisations.view';

/** The organisation browser: regions, ICBs and trusts, and a search across them all. */
export const ORGANISATION_PAGES: PageArea = { imports: [OrganisationsModule], controllers: [OrganisationsController], providers: [OrganisationsView] };
