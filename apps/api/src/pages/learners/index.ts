import { LearnersModule } from '@dasv/learners';
import { PageArea } from '../shared/page-area';
import { LearnerSetUpController } from './learner-set-up.controller';
import { LearnerRegistrationController } from './registration.controller';
import { StaffController } from './staff.controller';
import { StaffUploadsController } from './staff-uploads.controller';
import { MultipartCsrfInterceptor, UploadRefusalInterceptor } from './csv-upload';

/** Self-registration, staff list uploads, headcount and imported completions. */
export const LEARNER_ADMIN_PAGES: PageArea = {
  imports: [LearnersModule],
  controllers: [LearnerRegistrationController, LearnerSetUpController, StaffController, StaffUploadsController],
  providers: [UploadRefusalInterceptor, MultipartCsrfInterceptor],
};
