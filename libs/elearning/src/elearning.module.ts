import { Module } from '@nestjs/common';
import { CertificatesModule } from '@dasv/certificates';
import { CompletionsModule } from '@dasv/completions';
import { CourseAuthoringModule } from './authoring/course-authoring.module';
import { AssessmentRepository } from './assessment.repository';
import { AssessmentService } from './assessment.service';
import { CourseCatalogueService } from './course-catalogue.service';
import { CourseContentModule } from './course-content.module';
import { CourseOutlinesService } from './course-outlines.service';
import { CourseProgressRepository } from './course-progress.repository';
import { CourseProgressResolver } from './course-progress.resolver';
import { CourseProgressService } from './course-progress.service';
import { ElearningResolver } from './elearning.resolver';

@Module({
  imports: [CourseContentModule, CompletionsModule, CourseAuthoringModule, CertificatesModule],
  providers: [
    CourseOutlinesService,
    CourseCatalogueService,
    CourseProgressRepository,
    CourseProgressService,
    CourseProgressResolver,
    AssessmentRepository,
    AssessmentService,
    ElearningResolver,
  ],
  exports: [CourseCatalogueService, CourseProgressService, AssessmentService],
})
export class ElearningModule {}
