import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthUser, CurrentUser, SignedIn } from '@dasv/auth';
import { AssessmentService } from './assessment.service';
import { CourseCatalogueService } from './course-catalogue.service';
import { CourseProgressService } from './course-progress.service';
import { CourseArgs, SaveCoursePageInput, SubmitAssessmentInput } from './dto/course.args';
import { AssessmentAttemptView, AssessmentResult } from './models/assessment.models';
import { CourseVersionContent } from './models/course.models';
import { CourseProgress, SavedCoursePage } from './models/progress.models';

// No @Can: every signed-in member of NHS staff is a learner, whatever roles they hold.
@Resolver()
export class ElearningResolver {
  constructor(
    private readonly catalogue: CourseCatalogueService,
    private readonly progress: CourseProgressService,
    private readonly assessment: AssessmentService,
  ) {}

  @Query(() => CourseVersionContent, { description: 'The published version of a course' })
  @SignedIn()
  course(@Args() { slug }: CourseArgs) {
    return this.catalogue.publishedCourse(slug);
  }

  @Query(() => CourseProgress, { nullable: true, description: 'Your progress on a course; null until you start it' })
  @SignedIn()
  myCourseProgress(@CurrentUser() me: AuthUser, @Args() { slug }: CourseArgs) {
    return this.progress.myProgress(me, slug);
  }

  @Mutation(() => CourseProgress, { description: 'Starts a course on its published version; starting again resumes' })
  @SignedIn()
  startCourse(@CurrentUser() me: AuthUser, @Args() { slug }: CourseArgs) {
    return this.progress.start(me, slug);
  }

  @Mutation(() => SavedCoursePage, { description: 'Saves a page: answers, time spent, and where to resume' })
  @SignedIn()
  saveCoursePage(@CurrentUser() me: AuthUser, @Args('input') input: SaveCoursePageInput) {
    return this.progress.savePage(me, input);
  }

  @Mutation(() => AssessmentAttemptView, {
    description: 'Starts the final assessment once every page is complete; while an attempt is open, returns it unchanged',
  })
  @SignedIn()
  startAssessment(@CurrentUser() me: AuthUser, @Args() { slug }: CourseArgs) {
    return this.assessment.start(me, slug);
  }

  @Mutation(() => AssessmentResult, { description: 'Submits every answer of an open attempt at once and marks it; a pass completes the course' })
  @SignedIn()
  submitAssessment(@CurrentUser() me: AuthUser, @Args('input') input: SubmitAssessmentInput) {
    return this.assessment.submit(me, input);
  }
}
