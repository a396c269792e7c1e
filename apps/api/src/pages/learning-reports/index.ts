import { LearningReportsModule } from '@dasv/learning-reports';
import { OrganisationsModule } from '@dasv/organisations';
import { PageArea } from '../shared/page-area';
import { LearningReportsController } from './learning-reports.controller';
import { LearningReportsView } from './learning-reports.view';

/** Completion rates across the hierarchy, exports and learners not yet completed. */
export const LEARNING_REPORT_PAGES: PageArea = {
  imports: [LearningReportsModule, OrganisationsModule],
  controllers: [LearningReportsController],
  providers: [LearningReportsView],
};
