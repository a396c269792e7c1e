import { PageArea } from '../page-area';

/** Self-registration, staff list uploads, headcount and imported completions. */
export const LEARNER_ADMIN_PAGES: PageArea = { imports: [], controllers: [], providers: [] };
