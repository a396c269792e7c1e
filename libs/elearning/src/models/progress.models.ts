import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssessmentAttemptSummary } from './assessment.models';
import { CoursePageContent, CourseVersionContent } from './course.models';

@ObjectType()
export class CheckAnswer {
  @Field(() => ID)
  checkId!: string;

  @Field(() => [ID])
  optionIds!: string[];
}

@ObjectType()
export class PageProgressSummary {
  @Field(() => ID)
  pageId!: string;

  @Field(() => [CheckAnswer])
  answers!: CheckAnswer[];

  @Field(() => Int)
  timeSpentSeconds!: number;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

@ObjectType({ description: "The caller's own progress on a course; there is no way to ask for anyone else's" })
export class CourseProgress {
  @Field(() => ID)
  enrolmentId!: string;

  @Field(() => CourseVersionContent, { description: 'The version this learner started on, which they keep until they finish' })
  course!: CourseVersionContent;

  @Field()
  startedAt!: Date;

  @Field()
  lastActiveAt!: Date;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Int)
  timeSpentSeconds!: number;

  @Field(() => CoursePageContent, { nullable: true, description: 'Where to resume' })
  currentPage!: CoursePageContent | null;

  @Field(() => Int, { nullable: true, description: 'Position of the current page’s module, from 1' })
  currentModulePosition!: number | null;

  @Field(() => Int)
  pagesCompleted!: number;

  @Field(() => Int)
  totalPages!: number;

  // Resolved by CourseProgressResolver when absent: a page save answers without reading them unless asked.
  @Field(() => [PageProgressSummary])
  pages?: PageProgressSummary[];

  @Field(() => [AssessmentAttemptSummary], { description: 'Final assessment attempts, oldest first' })
  attempts?: AssessmentAttemptSummary[];

  /** Not in the schema: the pinned version, for resolving the fields above. */
  versionId!: string;
}

/** CourseProgress as the learner's own queries return it, with its pages and attempts read. */
export type CourseProgressInFull = CourseProgress & Required<Pick<CourseProgress, 'pages' | 'attempts'>>;

@ObjectType()
export class KnowledgeCheckFeedback {
  @Field(() => ID)
  checkId!: string;

  @Field()
  isCorrect!: boolean;

  @Field(() => [ID], { description: 'Revealed once answered' })
  correctOptionIds!: string[];

  @Field()
  feedback!: string;
}

@ObjectType()
export class SavedCoursePage {
  @Field(() => [KnowledgeCheckFeedback])
  feedback!: KnowledgeCheckFeedback[];

  @Field(() => ID, { nullable: true, description: 'The page to show next; null after the last page' })
  nextPageId!: string | null;

  @Field(() => CourseProgress)
  progress!: CourseProgress;
}
