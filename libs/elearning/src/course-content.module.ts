import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CourseContentRepository } from './course-content.repository';
import { CoursePublisherService } from './course-publisher.service';
import { CourseSeederService } from './course-seeder.service';
import { AssessmentAttempt } from './entities/assessment-attempt.entity';
import { AssessmentQuestion } from './entities/assessment-question.entity';
import { CourseEnrolment } from './entities/course-enrolment.entity';
import { CourseModule } from './entities/course-module.entity';
import { CoursePage } from './entities/course-page.entity';
import { CourseVersion } from './entities/course-version.entity';
import { Course } from './entities/course.entity';
import { KnowledgeCheck } from './entities/knowledge-check.entity';
import { PageProgress } from './entities/page-progress.entity';

/**
 * Seeding and publishing only: what the CLI needs, without the GraphQL resolver. In a file of its
 * own so that authoring (which builds on it) and ElearningModule (which builds on authoring) import
 * it one way, with no cycle between files.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Course,
      CourseVersion,
      CourseModule,
      CoursePage,
      KnowledgeCheck,
      AssessmentQuestion,
      AssessmentAttempt,
      CourseEnrolment,
      PageProgress,
    ]),
  ],
  providers: [CourseContentRepository, CoursePublisherService, CourseSeederService],
  exports: [CourseContentRepository, CoursePublisherService, CourseSeederService],
})
export class CourseContentModule {}
