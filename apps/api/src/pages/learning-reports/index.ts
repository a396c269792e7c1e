import { PageArea } from '../page-area';

/** Completion rates across the hierarchy, exports and learners not yet completed. */
export const LEARNING_REPORT_PAGES: PageArea = { imports: [], controllers: [], providers: [] };
