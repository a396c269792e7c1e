import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CourseProgressService } from './course-progress.service';
import { AssessmentAttemptSummary } from './models/assessment.models';
import { CourseProgress, PageProgressSummary } from './models/progress.models';

/**
 * A learner's pages and attempts, read only when asked for. CourseProgress is only ever built for
 * its own learner (the services are keyed by the caller), so the enrolment id it carries is theirs.
 */
@Resolver(() => CourseProgress)
export class CourseProgressResolver {
  constructor(private readonly progress: CourseProgressService) {}

  @ResolveField(() => [PageProgressSummary])
  pages(@Parent() parent: CourseProgress): Promise<PageProgressSummary[]> | PageProgressSummary[] {
    return parent.pages ?? this.progress.pageSummaries(parent.enrolmentId, parent.versionId);
  }

  @ResolveField(() => [AssessmentAttemptSummary], { description: 'Final assessment attempts, oldest first' })
  attempts(@Parent() parent: CourseProgress): Promise<AssessmentAttemptSummary[]> | AssessmentAttemptSummary[] {
    return parent.attempts ?? this.progress.attemptSummaries(parent.enrolmentId);
  }
}
