import { PageArea } from '../shared/page-area';
import { HelpController } from './help.controller';

/** The footer's pages: help, contact, accessibility statement, privacy notice and cookies. */
export const HELP_PAGES: PageArea = { imports: [], controllers: [HelpController], providers: [] };
