import { PageArea } from '../page-area';

/** Certificate downloads, the public verification page and an organisation’s certificates zip. */
export const CERTIFICATE_PAGES: PageArea = { imports: [], controllers: [], providers: [] };
