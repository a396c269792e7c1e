import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CertificatesModule } from '@dasv/certificates';
import { CompletionsModule } from '@dasv/completions';
import { CourseAuthoringModule } from './authoring/course-authoring.module';
import { AssessmentRepository } from './assessment.repository';
import { AssessmentService } from './assessment.service';
import { CourseCatalogueService } from './course-catalogue.service';
import { CourseContentRepository } from './course-content.repository';
import { CourseOutlines } from './course-outlines';
import { CourseProgressRepository } from './course-progress.repository';
import { CourseProgressResolver } from './course-progress.resolver';
import { CourseProgressService } from './course-progress.service';
import { CoursePublisher } from './course-publisher';
import { CourseSeeder } from './course-seeder';
import { ElearningResolver } from './elearning.resolver';
import { AssessmentAttempt } from './entities/assessment-attempt.entity';
import { AssessmentQuestion } from './entities/assessment-question.entity';
import { CourseEnrolment } from './entities/course-enrolment.entity';
import { CourseModule } from './entities/course-module.entity';
import { CoursePage } from './entities/course-page.entity';
import { CourseVersion } from './entities/course-version.entity';
import { Course } from './entities/course.entity';
import { KnowledgeCheck } from './entities/knowledge-check.entity';
import { PageProgress } from './entities/page-progress.entity';

/** Seeding and publishing only: what the CLI needs, without the GraphQL resolver. */
@Module({
  imports: [TypeOrmModule.forFeature([Course, CourseVersion, CourseModule, CoursePage, KnowledgeCheck, AssessmentQuestion, AssessmentAttempt, CourseEnrolment, PageProgress])],
  providers: [CourseContentRepository, CoursePublisher, CourseSeeder],
  exports: [CourseContentRepository, CoursePublisher, CourseSeeder],
})
export class CourseContentModule {}

@Module({
  imports: [CourseContentModule, CompletionsModule, CourseAuthoringModule, CertificatesModule],
  providers: [CourseOutlines, CourseCatalogueService, CourseProgressRepository, CourseProgressService, CourseProgressResolver, AssessmentRepository, AssessmentService, ElearningResolver],
  exports: [CourseCatalogueService, CourseProgressService, AssessmentService],
})
export class ElearningModule {}
