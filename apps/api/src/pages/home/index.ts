import { PageArea } from '../shared/page-area';
import { HomeController } from './home.controller';

/** The home page: what the service offers, and a way in for each role. */
export const HOME_PAGES: PageArea = { imports: [], controllers: [HomeController], providers: [] };
