import { CourseAuthoringModule } from '@dasv/elearning';
import { PageArea } from '../shared/page-area';
import { CourseAuthoringController } from './course-authoring.controller';
import { CourseAuthoringView } from './course-authoring.view';
import { DraftContentController } from './draft-content.controller';

/** National admins’ pages to write and publish course versions. */
export const COURSE_AUTHORING_PAGES: PageArea = {
  imports: [CourseAuthoringModule],
  controllers: [CourseAuthoringController, DraftContentController],
  providers: [CourseAuthoringView],
};
