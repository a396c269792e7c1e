import { ElearningModule } from '@dasv/elearning';
import { PageArea } from '../shared/page-area';
import { CourseAssessmentController } from './course-assessment.controller';
import { CoursePagesView } from './course-pages.view';
import { CoursesController } from './courses.controller';
import { ReadingTimeService } from './reading-time.service';

/** The learner’s pages: the course, page by page, the assessment and the result. */
export const COURSE_PAGES: PageArea = {
  imports: [ElearningModule],
  controllers: [CoursesController, CourseAssessmentController],
  providers: [CoursePagesView, ReadingTimeService],
};
