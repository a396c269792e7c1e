import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { CourseArgs } from '../dto/course.args';
import { CourseDraftEditorService } from './course-draft-editor.service';
import { CourseDraftPublishingService } from './course-draft-publishing.service';
import { CourseDraftsService } from './course-drafts.service';
import {
  AddAssessmentQuestionInput,
  AddCourseModuleInput,
  AddCoursePageInput,
  AddKnowledgeCheckInput,
  DraftItemInput,
  DraftVersionInput,
  UpdateAssessmentQuestionInput,
  UpdateCourseDraftSettingsInput,
  UpdateCourseModuleInput,
  UpdateCoursePageInput,
  UpdateKnowledgeCheckInput,
} from './dto/authoring.inputs';
import { CourseDraftView, CourseVersionSummary } from './models/authoring.models';

/** Writing and publishing course versions: NHS England's programme team only. */
@Resolver()
export class CourseAuthoringResolver {
  constructor(
    private readonly drafts: CourseDraftsService,
    private readonly editor: CourseDraftEditorService,
    private readonly publishing: CourseDraftPublishingService,
  ) {}

  @Query(() => [CourseVersionSummary], { description: 'Every version of a course, newest first' })
  @Can(Permission.CourseAuthor)
  courseVersions(@CurrentUser() me: AuthUser, @Args() { slug }: CourseArgs) {
    return this.drafts.versions(me, slug);
  }

  @Query(() => CourseDraftView, { nullable: true, description: 'The draft of the course’s next version; null when there is none' })
  @Can(Permission.CourseAuthor)
  courseDraft(@CurrentUser() me: AuthUser, @Args() { slug }: CourseArgs) {
    return this.drafts.draft(me, slug);
  }

  @Mutation(() => CourseDraftView, { description: 'Starts the next version as a copy of the published one; a course has at most one draft' })
  @Can(Permission.CourseAuthor)
  createCourseDraft(@CurrentUser() me: AuthUser, @Args() { slug }: CourseArgs) {
    return this.drafts.create(me, slug);
  }

  @Mutation(() => CourseDraftView, {
    description: 'Title, summary, content warning, support text, pass mark and assessment size; fields left out stay as they are',
  })
  @Can(Permission.CourseAuthor)
  updateCourseDraftSettings(@CurrentUser() me: AuthUser, @Args('input') input: UpdateCourseDraftSettingsInput) {
    return this.editor.updateSettings(me, input);
  }

  @Mutation(() => CourseDraftView)
  @Can(Permission.CourseAuthor)
  addCourseModule(@CurrentUser() me: AuthUser, @Args('input') input: AddCourseModuleInput) {
    return this.editor.addModule(me, input);
  }

  @Mutation(() => CourseDraftView, { description: 'Renames and/or moves a module' })
  @Can(Permission.CourseAuthor)
  updateCourseModule(@CurrentUser() me: AuthUser, @Args('input') input: UpdateCourseModuleInput) {
    return this.editor.updateModule(me, input);
  }

  @Mutation(() => CourseDraftView, {
    description: 'Removes a module with its pages; bank questions that named it must be given another module before publishing',
  })
  @Can(Permission.CourseAuthor)
  removeCourseModule(@CurrentUser() me: AuthUser, @Args('input') input: DraftItemInput) {
    return this.editor.removeModule(me, input);
  }

  @Mutation(() => CourseDraftView)
  @Can(Permission.CourseAuthor)
  addCoursePage(@CurrentUser() me: AuthUser, @Args('input') input: AddCoursePageInput) {
    return this.editor.addPage(me, input);
  }

  @Mutation(() => CourseDraftView, { description: 'Changes a page’s title or body, and/or moves it within its module' })
  @Can(Permission.CourseAuthor)
  updateCoursePage(@CurrentUser() me: AuthUser, @Args('input') input: UpdateCoursePageInput) {
    return this.editor.updatePage(me, input);
  }

  @Mutation(() => CourseDraftView)
  @Can(Permission.CourseAuthor)
  removeCoursePage(@CurrentUser() me: AuthUser, @Args('input') input: DraftItemInput) {
    return this.editor.removePage(me, input);
  }

  @Mutation(() => CourseDraftView)
  @Can(Permission.CourseAuthor)
  addKnowledgeCheck(@CurrentUser() me: AuthUser, @Args('input') input: AddKnowledgeCheckInput) {
    return this.editor.addKnowledgeCheck(me, input);
  }

  @Mutation(() => CourseDraftView)
  @Can(Permission.CourseAuthor)
  updateKnowledgeCheck(@CurrentUser() me: AuthUser, @Args('input') input: UpdateKnowledgeCheckInput) {
    return this.editor.updateKnowledgeCheck(me, input);
  }

  @Mutation(() => CourseDraftView)
  @Can(Permission.CourseAuthor)
  removeKnowledgeCheck(@CurrentUser() me: AuthUser, @Args('input') input: DraftItemInput) {
    return this.editor.removeKnowledgeCheck(me, input);
  }

  @Mutation(() => CourseDraftView, { description: 'Adds a question to the final assessment’s bank' })
  @Can(Permission.CourseAuthor)
  addAssessmentQuestion(@CurrentUser() me: AuthUser, @Args('input') input: AddAssessmentQuestionInput) {
    return this.editor.addAssessmentQuestion(me, input);
  }

  @Mutation(() => CourseDraftView)
  @Can(Permission.CourseAuthor)
  updateAssessmentQuestion(@CurrentUser() me: AuthUser, @Args('input') input: UpdateAssessmentQuestionInput) {
    return this.editor.updateAssessmentQuestion(me, input);
  }

  @Mutation(() => CourseDraftView)
  @Can(Permission.CourseAuthor)
  removeAssessmentQuestion(@CurrentUser() me: AuthUser, @Args('input') input: DraftItemInput) {
    return this.editor.removeAssessmentQuestion(me, input);
  }

  @Mutation(() => CourseVersionSummary, {
    description:
      'Checks the whole draft (problems are BAD_USER_INPUT, listed per field) and publishes it: new learners start it, learners part-way through keep their version',
  })
  @Can(Permission.CourseAuthor)
  publishCourseDraft(@CurrentUser() me: AuthUser, @Args('input') input: DraftVersionInput) {
    return this.publishing.publish(me, input);
  }
}
