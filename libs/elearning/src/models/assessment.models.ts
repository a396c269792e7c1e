import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { QuestionView } from './course.models';

@ObjectType({ description: 'A drawn question; which options are correct is never sent' })
export class AssessmentQuestionView extends QuestionView {}

@ObjectType({ description: 'An open attempt at the final assessment; reloading shows the same questions in the same order' })
export class AssessmentAttemptView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'From 1' })
  number!: number;

  @Field()
  startedAt!: Date;

  @Field(() => [AssessmentQuestionView])
  questions!: AssessmentQuestionView[];
}

@ObjectType()
export class ModuleToRevisit {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  position!: number;

  @Field()
  title!: string;
}

@ObjectType()
export class AssessmentResult {
  @Field(() => ID)
  attemptId!: string;

  @Field(() => Int, { description: 'Percentage of questions answered correctly, rounded down' })
  score!: number;

  @Field()
  passed!: boolean;

  @Field(() => Int)
  passMarkPercent!: number;

  @Field(() => [ModuleToRevisit], { description: 'Modules teaching the questions answered wrongly, in course order; empty on a pass' })
  modulesToRevisit!: ModuleToRevisit[];

  @Field(() => Date, { nullable: true, description: 'When the course was completed; set by the first pass and never moved' })
  completedAt!: Date | null;
}

@ObjectType()
export class AssessmentAttemptSummary {
  @Field(() => Int)
  number!: number;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Null while the attempt is open' })
  submittedAt!: Date | null;

  @Field(() => Int, { nullable: true })
  score!: number | null;

  @Field(() => Boolean, { nullable: true })
  passed!: boolean | null;
}
