import { PageArea } from '../page-area';

/** National admins’ pages to write and publish course versions. */
export const COURSE_AUTHORING_PAGES: PageArea = { imports: [], controllers: [], providers: [] };
