import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@dasv/organisations';
import { CourseContentModule } from '../course-content.module';
import { CourseAuthoringResolver } from './course-authoring.resolver';
import { CourseAuthorsService } from './course-authors.service';
import { CourseDraftEditorService } from './course-draft-editor.service';
import { CourseDraftPublishingService } from './course-draft-publishing.service';
import { CourseDraftRepository } from './course-draft.repository';
import { CourseDraftsService } from './course-drafts.service';
import { CourseDraft } from './entities/course-draft.entity';
import { LockedDraftsService } from './locked-drafts.service';

/** National admins writing and publishing course versions, through GraphQL and the /training/authoring pages. */
@Module({
  imports: [TypeOrmModule.forFeature([CourseDraft]), CourseContentModule, OrganisationsModule],
  providers: [
    CourseAuthorsService,
    CourseDraftRepository,
    LockedDraftsService,
    CourseDraftsService,
    CourseDraftEditorService,
    CourseDraftPublishingService,
    CourseAuthoringResolver,
  ],
  exports: [CourseDraftsService, CourseDraftEditorService, CourseDraftPublishingService],
})
export class CourseAuthoringModule {}
