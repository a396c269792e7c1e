import { PageArea } from '../page-area';

/** The learner’s pages: the course, page by page, the assessment and the result. */
export const COURSE_PAGES: PageArea = { imports: [], controllers: [], providers: [] };
