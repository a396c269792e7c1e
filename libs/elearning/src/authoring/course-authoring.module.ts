import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@dasv/organisations';
import { CourseContentModule } from '../course-content.module';
import { CourseAuthoringResolver } from './course-authoring.resolver';
import { CourseAuthors } from './course-authors';
import { CourseDraftEditor } from './course-draft-editor.service';
import { CourseDraftPublishingService } from './course-draft-publishing.service';
import { CourseDraftRepository } from './course-draft.repository';
import { CourseDraftsService } from './course-drafts.service';
import { CourseDraft } from './entities/course-draft.entity';
import { LockedDrafts } from './locked-drafts';

/** National admins writing and publishing course versions, through GraphQL and the /training/authoring pages. */
@Module({
  imports: [TypeOrmModule.forFeature([CourseDraft]), CourseContentModule, OrganisationsModule],
  providers: [CourseAuthors, CourseDraftRepository, LockedDrafts, CourseDraftsService, CourseDraftEditor, CourseDraftPublishingService, CourseAuthoringResolver],
  exports: [CourseDraftsService, CourseDraftEditor, CourseDraftPublishingService],
})
export class CourseAuthoringModule {}
