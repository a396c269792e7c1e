import { DirectoryModule } from '@dasv/directory';
import { OrganisationsModule } from '@dasv/organisations';
import { PageArea } from '../shared/page-area';
import { DirectoryController } from './directory.controller';
import { DirectoryView } from './directory.view';

/** The lead directory: search, a lead's profile, an organisation's leads past and present, and the export. */
export const DIRECTORY_PAGES: PageArea = { imports: [DirectoryModule, OrganisationsModule], controllers: [DirectoryController], providers: [DirectoryView] };
