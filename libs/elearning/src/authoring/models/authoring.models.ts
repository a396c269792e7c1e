import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CourseVersionStatus } from '../../course-version-status';
import { QuestionKind } from '../../question-kind';

registerEnumType(CourseVersionStatus, {
  name: 'CourseVersionStatus',
  description: 'DRAFT: being written, seen only by authors; PUBLISHED: what new learners start; RETIRED: kept for the learners pinned to it',
});

@ObjectType({ description: 'A version of a course as its authors see it' })
export class CourseVersionSummary {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  number!: number;

  @Field(() => CourseVersionStatus)
  status!: CourseVersionStatus;

  @Field()
  title!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => Int, { description: 'Learners pinned to this version: everyone who started while it was published' })
  learners!: number;
}

@ObjectType({ description: 'An answer option with its key; only authors ever see `correct`' })
export class AuthoringOption {
  @Field(() => ID)
  id!: string;

  @Field()
  label!: string;

  @Field()
  correct!: boolean;
}

@ObjectType({ isAbstract: true })
export abstract class AuthoringQuestion {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'From 1' })
  position!: number;

  @Field(() => QuestionKind)
  kind!: QuestionKind;

  @Field()
  prompt!: string;

  @Field(() => [AuthoringOption])
  options!: AuthoringOption[];
}

@ObjectType()
export class AuthoringKnowledgeCheck extends AuthoringQuestion {
  @Field({ description: 'Shown to the learner once they have answered' })
  feedback!: string;
}

@ObjectType()
export class AuthoringBankQuestion extends AuthoringQuestion {
  @Field(() => ID, { nullable: true, description: 'The module that teaches the answer; null after that module was removed' })
  moduleId!: string | null;
}

@ObjectType()
export class AuthoringPage {
  @Field(() => ID, { description: 'Kept when the draft is published: it becomes the page learners see' })
  id!: string;

  @Field(() => Int, { description: 'Within its module, from 1' })
  position!: number;

  @Field()
  title!: string;

  @Field({ description: 'The source, in the Markdown subset pages are written in' })
  bodyMarkdown!: string;

  @Field({ description: 'What learners will see: the source rendered and sanitised to an allow-list' })
  bodyHtml!: string;

  @Field(() => [AuthoringKnowledgeCheck])
  knowledgeChecks!: AuthoringKnowledgeCheck[];
}

@ObjectType()
export class AuthoringModule {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  position!: number;

  @Field()
  title!: string;

  @Field(() => [AuthoringPage])
  pages!: AuthoringPage[];
}

@ObjectType({ description: 'Something to fix before the draft can be published' })
export class DraftProblemView {
  @Field({ description: 'Where, as a path with positions from 1, e.g. modules.2.pages.1.checks.1.options' })
  field!: string;

  @Field()
  message!: string;

  @Field(() => ID, { nullable: true, description: 'The module, page, knowledge check or bank question to change' })
  itemId!: string | null;
}

@ObjectType({ description: 'The draft of a course’s next version, answer keys included' })
export class CourseDraftView {
  @Field(() => ID, { description: 'The version id it will be published under' })
  id!: string;

  @Field()
  slug!: string;

  @Field(() => Int, { description: 'Pass it with every edit: an edit meant for a version that has since been published is refused' })
  number!: number;

  @Field(() => CourseVersionStatus)
  status!: CourseVersionStatus;

  @Field()
  title!: string;

  @Field()
  summary!: string;

  @Field()
  contentWarning!: string;

  @Field()
  supportText!: string;

  @Field(() => Int)
  passMarkPercent!: number;

  @Field(() => Int)
  assessmentSize!: number;

  @Field(() => [AuthoringModule])
  modules!: AuthoringModule[];

  @Field(() => [AuthoringBankQuestion])
  questionBank!: AuthoringBankQuestion[];

  @Field(() => [DraftProblemView], { description: 'Empty when the draft can be published' })
  problems!: DraftProblemView[];

  @Field()
  updatedAt!: Date;
}
