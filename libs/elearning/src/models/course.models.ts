import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { QuestionKind } from '../question-kind';

@ObjectType({ description: 'An answer option as a learner sees it: whether it is correct is never sent before answering' })
export class AnswerOption {
  @Field(() => ID)
  id!: string;

  @Field()
  label!: string;
}

/** A question as a learner sees it, shared by knowledge checks and assessment questions. */
@ObjectType({ isAbstract: true })
export abstract class QuestionView {
  @Field(() => ID)
  id!: string;

  @Field(() => QuestionKind)
  kind!: QuestionKind;

  @Field()
  prompt!: string;

  @Field(() => [AnswerOption])
  options!: AnswerOption[];
}

@ObjectType()
export class KnowledgeCheckQuestion extends QuestionView {}

@ObjectType()
export class CoursePageContent {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Position within its module, from 1' })
  position!: number;

  @Field()
  title!: string;

  @Field({ description: 'Sanitised HTML: rendered from the page source and cleaned to an allow-list (no scripts, styles or unsafe links)' })
  bodyHtml!: string;

  @Field(() => [KnowledgeCheckQuestion])
  knowledgeChecks!: KnowledgeCheckQuestion[];
}

@ObjectType()
export class CourseModuleContent {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  position!: number;

  @Field()
  title!: string;

  @Field(() => [CoursePageContent])
  pages!: CoursePageContent[];
}

@ObjectType({ description: 'One version of a course, as learners see it' })
export class CourseVersionContent {
  @Field()
  slug!: string;

  @Field()
  title!: string;

  @Field(() => Int)
  versionNumber!: number;

  @Field()
  summary!: string;

  @Field({ description: 'Shown before the course starts' })
  contentWarning!: string;

  @Field({ description: 'Where to get help; show it in the same place on every page' })
  supportText!: string;

  @Field(() => Int)
  passMarkPercent!: number;

  @Field(() => Int, { description: 'How many questions the final assessment draws from the bank' })
  assessmentSize!: number;

  @Field(() => Int)
  questionBankSize!: number;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => [CourseModuleContent])
  modules!: CourseModuleContent[];
}
